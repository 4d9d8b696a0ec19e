using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Calculus.Activations;

/// <summary>a = max(0, z), NaN for NaN (as PyTorch); ∂a/∂z = 1 for z &gt; 0, else 0.</summary>
internal sealed class ReLU : ActivationFunction
{
    public static readonly ReLU Instance = new();

    public override ActivationKind Kind => ActivationKind.ReLU;

    public override string Describe(string z) => $"max(0, {z})";

    public override string LineComment(string z) => $"   // ReLU: max(0, {z}); a NaN stays NaN";

    public override bool DerivativeReadsZ => true;

    // "z < 0 ? 0 : z" rather than "z > 0 ? z : 0": the comparison is false for NaN, which must pass through as it does
    // in the lane form (VectorMath.ReLU) and in PyTorch.
    public override string Apply(NumericForm f, string z) =>
        f.IsLanes ? $"global::NetGen.VectorMath.ReLU({z})" : $"{z} < {f.Zero} ? {f.Zero} : {z}";

    public override string Derivative(NumericForm f, string z, string a) =>
        f.IsLanes ? $"global::NetGen.VectorMath.ReLUDerivative({z})" : $"{z} > {f.Zero} ? {f.One} : {f.Zero}";

    public override string DerivativeFormula(string z, string a) => $"1 if {z} > 0, else 0   (ReLU)";
}
