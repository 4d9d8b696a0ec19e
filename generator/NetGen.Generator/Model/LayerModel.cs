namespace NetGen.Generator.Model;

/// <summary>
/// A layer of the graph, its names and shapes resolved. A dense layer reads the concatenation of <see cref="Sources"/>
/// (images flattened) through one weight matrix; an addition sums equal shapes element-wise; a convolution reads its
/// image sources concatenated along channels; a pooling layer reads one image. <see cref="Shape"/> is the output's.
/// <see cref="Slope"/> is LeakyReLU's slope below zero (0.01 unless the layer came from a model that says otherwise).
/// The geometry of convolutions and pools: <see cref="Filters"/> output channels of a convolution, the kernel or
/// window <see cref="KernelHeight"/> × <see cref="KernelWidth"/>, <see cref="Stride"/> and zero <see cref="Padding"/>
/// (0 where they do not apply).
/// </summary>
internal sealed record LayerModel(
    string Name,
    LayerKind Kind,
    Shape Shape,
    ActivationKind Activation,
    EquatableArray<string> Sources,
    int Filters = 0,
    int KernelHeight = 0,
    int KernelWidth = 0,
    int Stride = 0,
    int Padding = 0,
    double Slope = LayerModel.DefaultSlope)
{
    /// <summary>The slope of LeakyReLU below zero where nothing else is said, as PyTorch's nn.LeakyReLU.</summary>
    public const double DefaultSlope = 0.01;

    /// <summary>The number of output values.</summary>
    public int Size => (int)Shape.Size;

    /// <summary>True for the kinds that read images and write images: convolutions and pools.</summary>
    public bool ReadsImages => Kind is LayerKind.Conv or LayerKind.MaxPool or LayerKind.AvgPool or LayerKind.GlobalAvgPool;
}
