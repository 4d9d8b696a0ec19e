using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Calculus.Activations;

/// <summary>The logistic function a = σ(z) = 1 / (1 + e^−z); ∂a/∂z = a·(1 − a).</summary>
internal sealed class Sigmoid : ActivationFunction
{
    public static readonly Sigmoid Instance = new();

    public override ActivationKind Kind => ActivationKind.Sigmoid;

    public override string Describe(string z) => $"σ({z}), the logistic function";

    public override string LineComment(string z) => $"   // σ({z}) = 1 / (1 + e^−{z}), the logistic function";

    public override string Apply(NumericForm f, string z) =>
        f.IsLanes ? $"global::NetGen.VectorMath.Sigmoid({z})" : $"global::NetGen.Activations.Sigmoid({z})";

    public override string Derivative(NumericForm f, string z, string a) => $"{a} * ({f.One} - {a})";

    public override string DerivativeFormula(string z, string a) => $"σ'({z}) = {a}·(1 − {a})   (logistic)";
}
