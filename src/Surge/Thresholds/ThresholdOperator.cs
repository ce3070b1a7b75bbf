namespace Surge.Thresholds;

/// <summary>The comparison of a threshold expression.</summary>
public enum ThresholdOperator
{
    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>==</c> or <c>===</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,
}
