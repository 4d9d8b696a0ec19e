namespace NetGen.Generator.Model;

/// <summary>
/// A layer of the graph, its names resolved: a dense layer reads the concatenation of <see cref="Sources"/> through one
/// weight matrix; an addition sums them element-wise (its <see cref="Size"/> is its sources' size). <see cref="Slope"/> is
/// LeakyReLU's slope below zero (0.01 unless the layer came from a model that says otherwise).
/// </summary>
internal sealed record LayerModel(string Name, LayerKind Kind, int Size, ActivationKind Activation, EquatableArray<string> Sources, double Slope = LayerModel.DefaultSlope)
{
    /// <summary>The slope of LeakyReLU below zero where nothing else is said, as PyTorch's nn.LeakyReLU.</summary>
    public const double DefaultSlope = 0.01;
}
