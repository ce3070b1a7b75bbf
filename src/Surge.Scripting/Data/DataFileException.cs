namespace Surge.Scripting.Data;

/// <summary>
/// A data file (CSV, JSON) that cannot be used as it is; the message names the file and, where there
/// is one, the line, and says what to fix. Surge reports it as invalid input (exit 104), not as a
/// fault of the script that loads the file.
/// </summary>
internal sealed class DataFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DataFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DataFileException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
