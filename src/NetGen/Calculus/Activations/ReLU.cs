namespace NetGen.Calculus.Activations;

/// <summary>a = max(0, z); σ' = 1 for z &gt; 0, else 0 (a unit with z ≤ 0 on every example is dead).</summary>
internal sealed class ReLU : ActivationFunction
{
    public static readonly ReLU Instance = new();

    public override Activation Kind => Activation.ReLU;
    public override string Name => "ReLU";
    public override WeightInitialization Initialization => WeightInitialization.He;
    public override bool CanDie => true;
    public override double Value(double z) => z > 0.0 ? z : 0.0;
    public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : 0.0;

    public override string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative) =>
        zValue > 0.0
            ? $"1, because {z} = {ExplainNotation.Number(zValue)} > 0   (σ: ReLU)"
            : $"0, because {z} = {ExplainNotation.Number(zValue)} ≤ 0   (σ: ReLU; the neuron is off for this example)";
}
