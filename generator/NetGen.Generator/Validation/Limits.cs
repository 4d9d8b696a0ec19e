namespace NetGen.Generator.Validation;

/// <summary>The sizes NetGen accepts, checked in exact arithmetic before anything is planned or emitted.</summary>
internal static class Limits
{
    /// <summary>
    /// The most weights and biases a network may have (NG0014). The generated code holds them in one array indexed by
    /// int, and 10⁸ of them is already 400 MB as float (800 MB as double) before the gradient buffers of training.
    /// </summary>
    public const long MaxParameterCount = 100_000_000;

    /// <summary>
    /// The most values one example may have in its inputs and layers together (NG0027): the forward and backward passes
    /// keep a z, an a and a sensitivity per value, and every count and offset of the generated code (InputCount,
    /// OutputCount, the working memory) must stay far inside an int.
    /// </summary>
    public const long MaxValueCount = 100_000_000;
}
