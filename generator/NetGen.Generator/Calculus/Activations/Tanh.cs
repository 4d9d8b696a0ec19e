using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Calculus.Activations;

/// <summary>a = tanh z; ∂a/∂z = 1 − a².</summary>
internal sealed class Tanh : ActivationFunction
{
    public static readonly Tanh Instance = new();

    public override ActivationKind Kind => ActivationKind.Tanh;

    public override string Describe(string z) => $"tanh({z})";

    public override string Apply(NumericForm f, string z) => $"{f.MathClass}.Tanh({z})";

    public override string Derivative(NumericForm f, string z, string a) => $"{f.One} - {a} * {a}";

    public override string DerivativeFormula(string z, string a) => $"tanh'({z}) = 1 − {a}²";
}
