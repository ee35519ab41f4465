# humanoid-rld, the controller daemon, with the MuJoCo simulator backend.
#   docker build -t humanoid-rld .
#   docker run --rm -p 50051:50051 -v /etc/humanoid-rl:/etc/humanoid-rl:ro humanoid-rld
# /etc/humanoid-rl/daemon.yaml: start from robot-config/daemon.container.yaml (TLS on 0.0.0.0; plaintext is
# loopback-only). See docs/daemon.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY . .
# The daemon references no TorchSharp, so the publish output carries no libtorch.
RUN dotnet publish src/HumanoidRl.Daemon/HumanoidRl.Daemon.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmujoco2.2.2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The robot config and MJCF the simulator backend reads, and the shipped policies; a mounted config may point elsewhere.
COPY robot-config/ /opt/humanoid-rl/robot-config/
COPY sim/ /opt/humanoid-rl/sim/
COPY models/*.onnx /opt/humanoid-rl/models/
# The aspnet image's non-root user (UID 1654).
USER $APP_UID
EXPOSE 50051
ENTRYPOINT ["dotnet", "/app/humanoid-rld.dll"]
CMD ["--config", "/etc/humanoid-rl/daemon.yaml"]
