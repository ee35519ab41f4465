using HumanoidRl.Core.Policy;

namespace HumanoidRl.Core.Tests.Policy;

public sealed class OnnxPolicyReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-onnx-read-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static MlpPolicyWeights TwoLayerPolicy() => new(
        ObservationMean: [0.5f, -1f, 2f],
        ObservationStd: [1.5f, 0.01f, 3f],
        ObservationClip: 5f,
        Layers:
        [
            new DenseLayer(3, 2, [0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f], [0.01f, -0.02f]),
            new DenseLayer(2, 1, [1.5f, -2.5f], [0.25f]),
        ]);

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_written_policy_reads_back_with_the_same_network_normalizer_and_metadata()
    {
        var metadata = new Dictionary<string, string> { ["task"] = "walk-pd", ["joint_names"] = "a,b" };
        var path = WriteFile("policy.onnx", OnnxPolicyWriter.Write(TwoLayerPolicy(), metadata, "1.0"));

        var read = OnnxPolicyReader.Read(path);

        var expected = TwoLayerPolicy();
        Assert.Equal(expected.ObservationMean, read.Weights.ObservationMean);
        Assert.Equal(expected.ObservationStd, read.Weights.ObservationStd);
        Assert.Equal(expected.ObservationClip, read.Weights.ObservationClip);
        Assert.Equal(expected.Layers.Count, read.Weights.Layers.Count);
        for (var i = 0; i < expected.Layers.Count; i++)
        {
            Assert.Equal((expected.Layers[i].InputSize, expected.Layers[i].OutputSize),
                (read.Weights.Layers[i].InputSize, read.Weights.Layers[i].OutputSize));
            Assert.Equal(expected.Layers[i].Weight, read.Weights.Layers[i].Weight);
            Assert.Equal(expected.Layers[i].Bias, read.Weights.Layers[i].Bias);
        }
        Assert.Equal(metadata, read.Metadata);
        float[] observation = [0.3f, -0.7f, 4f];
        Assert.Equal(expected.Evaluate(observation), read.Weights.Evaluate(observation));
    }

    [Fact]
    public void A_file_that_is_no_exported_policy_is_refused_naming_the_file()
    {
        var path = WriteFile("notes.onnx", "not a model at all, just text"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => OnnxPolicyReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = Path.Combine(_folder, "gone.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxPolicyReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
