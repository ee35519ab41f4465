using HumanoidRl.Hardware.Dynamixel.Protocol;

namespace HumanoidRl.Hardware.Tests.Dynamixel.Protocol;

public sealed class StatusErrorTests
{
    [Theory]
    [InlineData(0x00, StatusErrorCode.None, false)]
    [InlineData(0x01, StatusErrorCode.ResultFail, false)]
    [InlineData(0x02, StatusErrorCode.InstructionError, false)]
    [InlineData(0x03, StatusErrorCode.CrcError, false)]
    [InlineData(0x04, StatusErrorCode.DataRangeError, false)]
    [InlineData(0x05, StatusErrorCode.DataLengthError, false)]
    [InlineData(0x06, StatusErrorCode.DataLimitError, false)]
    [InlineData(0x07, StatusErrorCode.AccessError, false)]
    [InlineData(0x80, StatusErrorCode.None, true)]
    [InlineData(0x87, StatusErrorCode.AccessError, true)]
    public void Error_byte_splits_into_alert_bit_and_error_number(byte raw, StatusErrorCode code, bool alert)
    {
        var error = new StatusError(raw);
        Assert.Equal(code, error.Code);
        Assert.Equal(alert, error.Alert);
        Assert.Equal(raw == 0, error.IsOk);
    }

    [Fact]
    public void Description_names_the_error_and_the_hardware_alert()
    {
        var text = new StatusError(0x84).ToString();
        Assert.Contains("data range", text, StringComparison.Ordinal);
        Assert.Contains("hardware alert", text, StringComparison.Ordinal);
    }
}
