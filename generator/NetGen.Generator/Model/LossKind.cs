namespace NetGen.Generator.Model;

/// <summary>Mirrors NetGen.Loss (same values).</summary>
internal enum LossKind
{
    SquaredError = 0,
    CrossEntropy = 1,
    BinaryCrossEntropy = 2,
    Huber = 3,
}
