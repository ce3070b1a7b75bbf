namespace Surge.Configuration;

/// <summary>Invalid test configuration; the message says what to fix. The CLI exits with 104.</summary>
internal sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
