namespace HumanoidRl.Hardware.Dynamixel.Bus;

/// <summary>The Baud Rate register (address 8, X and P series) and the rates its codes stand for (reference file).</summary>
public static class BaudRateCodes
{
    public const ushort RegisterAddress = 8;

    private static readonly int[] Rates = [9600, 57600, 115200, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 4_500_000];

    public static IReadOnlyList<int> Supported => Rates;

    /// <summary>The register code for <paramref name="baudRate"/>; throws listing the supported rates.</summary>
    public static byte CodeOf(int baudRate)
    {
        var index = Array.IndexOf(Rates, baudRate);
        return index >= 0
            ? (byte)index
            : throw new ArgumentException(
                $"baud rate {baudRate} is not one a Dynamixel can be set to; supported: {string.Join(", ", Rates)}", nameof(baudRate));
    }

    public static int RateOf(byte code) => code < Rates.Length
        ? Rates[code]
        : throw new ArgumentOutOfRangeException(nameof(code), code, $"Baud Rate codes are 0..{Rates.Length - 1}");
}
