namespace NetGen.Calculus.Activations;

/// <summary>a = z; σ' = 1.</summary>
internal sealed class Identity : ActivationFunction
{
    public static readonly Identity Instance = new();

    public override Activation Kind => Activation.Identity;
    public override string Name => "the identity";
    public override WeightInitialization Initialization => WeightInitialization.Glorot;
    public override double Value(double z) => z;
    public override double Derivative(double z, double a) => 1.0;
    public override string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative) => "1   (σ: the identity)";
}
