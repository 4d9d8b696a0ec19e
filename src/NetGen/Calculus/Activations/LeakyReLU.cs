namespace NetGen.Calculus.Activations;

/// <summary>a = z for z &gt; 0, else s·z with the layer's slope s (<see cref="LayerSpec.Slope"/>, 0.01 unless a model says
/// otherwise); σ' = 1 or s.</summary>
internal sealed class LeakyReLU(double slope) : ActivationFunction
{
    /// <summary>Leaky ReLU with the default slope 0.01.</summary>
    public static readonly LeakyReLU Default = new(LayerSpec.DefaultSlope);

    /// <summary>The slope below zero.</summary>
    public double Slope { get; } = slope;

    public override Activation Kind => Activation.LeakyReLU;
    public override string Name => "leaky ReLU";
    public override WeightInitialization Initialization => WeightInitialization.He;
    public override double Value(double z) => z > 0.0 ? z : Slope * z;
    public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : Slope;

    public override string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative) =>
        zValue > 0.0
            ? $"1, because {z} = {ExplainNotation.Number(zValue)} > 0   (σ: leaky ReLU)"
            : $"{ExplainNotation.Exact(Slope)}, because {z} = {ExplainNotation.Number(zValue)} ≤ 0   (σ: leaky ReLU)";
}
