using System.Globalization;

namespace NetGen.Generator.Text;

/// <summary>Numbers as C# source and as comment text: culture-free and round-trippable (2f, 0.01f, 2.0, 1E-05).</summary>
internal static class NumberText
{
    /// <summary>
    /// A literal of float or double. The value must be finite in that type (the validator refuses anything else):
    /// a literal can never spell Infinity or NaN, which are not C# tokens.
    /// </summary>
    public static string Literal(double value, bool isDouble)
    {
        if (isDouble)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
                throw new System.ArgumentOutOfRangeException(nameof(value), value, "A double literal must be finite.");
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }
        float single = (float)value;
        if (float.IsNaN(single) || float.IsInfinity(single))
            throw new System.ArgumentOutOfRangeException(nameof(value), value, "A float literal must be finite.");
        return single.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    /// <summary>True when <paramref name="value"/> is positive and finite once rounded to the network's element type.</summary>
    public static bool IsPositiveAndFinite(double value, bool isDouble) =>
        isDouble ? value > 0 && !double.IsInfinity(value) : (float)value > 0 && !float.IsInfinity((float)value);

    /// <summary>A number for comments and documentation: round-trippable, no type suffix.</summary>
    public static string Plain(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer, culture-free.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer with thousands separators for messages: 100,000,000.</summary>
    public static string Count(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
