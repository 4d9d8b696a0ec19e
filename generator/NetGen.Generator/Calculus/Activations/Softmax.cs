using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Calculus.Activations;

/// <summary>
/// a_j = softmax(z)_j = e^(z_j) / Σ_i e^(z_i) over the whole layer; ∂a_i/∂z_j = a_i·(δ_ij − a_j). Not element-wise:
/// the forward pass and the Jacobian product are written by Emit/Layers/SoftmaxEmitter.
/// </summary>
internal sealed class Softmax : ActivationFunction
{
    public static readonly Softmax Instance = new();

    public override ActivationKind Kind => ActivationKind.Softmax;

    public override string Describe(string z) => $"softmax({z})_j";

    public override bool IsElementWise => false;

    public override string Apply(NumericForm f, string z) =>
        throw new System.InvalidOperationException("Softmax is not element-wise; SoftmaxEmitter writes it.");

    public override string Derivative(NumericForm f, string z, string a) =>
        throw new System.InvalidOperationException("Softmax has a Jacobian, not a derivative per element; SoftmaxEmitter writes it.");

    public override string DerivativeFormula(string z, string a) => "a_i·(δ_ij − a_j)";
}
