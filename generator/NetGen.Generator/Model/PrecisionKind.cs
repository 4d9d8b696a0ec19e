namespace NetGen.Generator.Model;

/// <summary>Mirrors NetGen.Precision (same values).</summary>
internal enum PrecisionKind
{
    Single = 0,
    Double = 1,
}
