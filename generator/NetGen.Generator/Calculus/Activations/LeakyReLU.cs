using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Text;

namespace NetGen.Generator.Calculus.Activations;

/// <summary>a = z for z ≥ 0, else s·z (s the slope, 0.01 unless a model says otherwise); ∂a/∂z = 1 for z &gt; 0, else s.</summary>
internal sealed class LeakyReLU(double slope) : ActivationFunction
{
    public double Slope { get; } = slope;

    public override ActivationKind Kind => ActivationKind.LeakyReLU;

    public override string Describe(string z) => $"leaky ReLU({z}) (slope {NumberText.Plain(Slope)} below zero)";

    public override string LineComment(string z) => $"   // leaky ReLU, slope {NumberText.Plain(Slope)} below zero";

    public override bool DerivativeReadsZ => true;

    public override string Apply(NumericForm f, string z) =>
        f.IsLanes
            ? $"global::NetGen.VectorMath.LeakyReLU({z}, {f.Plan.Literal(Slope)})"
            : $"{z} < {f.Zero} ? {f.Plan.Literal(Slope)} * {z} : {z}";

    public override string Derivative(NumericForm f, string z, string a) =>
        f.IsLanes
            ? $"global::NetGen.VectorMath.LeakyReLUDerivative({z}, {f.Plan.Literal(Slope)})"
            : $"{z} > {f.Zero} ? {f.One} : {f.Plan.Literal(Slope)}";

    public override string DerivativeFormula(string z, string a) => $"1 if {z} > 0, else {NumberText.Plain(Slope)}   (leaky ReLU)";
}
