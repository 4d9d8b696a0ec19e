using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Calculus.Activations;

/// <summary>a = ln(1 + e^z); ∂a/∂z = σ(z), the logistic function.</summary>
internal sealed class Softplus : ActivationFunction
{
    public static readonly Softplus Instance = new();

    public override ActivationKind Kind => ActivationKind.Softplus;

    public override string Describe(string z) => $"softplus({z}) = ln(1 + e^{z})";

    public override string LineComment(string z) => $"   // softplus: ln(1 + e^{z})";

    public override bool DerivativeReadsZ => true;

    public override string Apply(NumericForm f, string z) =>
        f.IsLanes ? $"global::NetGen.VectorMath.Softplus({z})" : $"global::NetGen.Activations.Softplus({z})";

    public override string Derivative(NumericForm f, string z, string a) =>
        f.IsLanes ? $"global::NetGen.VectorMath.Sigmoid({z})" : $"global::NetGen.Activations.Sigmoid({z})";

    public override string DerivativeFormula(string z, string a) => $"softplus'({z}) = σ({z}), the logistic function";
}
