using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Calculus.Activations;

/// <summary>a = z; ∂a/∂z = 1.</summary>
internal sealed class Identity : ActivationFunction
{
    public static readonly Identity Instance = new();

    public override ActivationKind Kind => ActivationKind.Identity;

    public override string Describe(string z) => z;

    public override string LineComment(string z) => "   // identity";

    public override bool HasUnitDerivative => true;

    public override string Apply(NumericForm f, string z) => z;

    public override string Derivative(NumericForm f, string z, string a) => f.One;

    public override string DerivativeFormula(string z, string a) => "1 (identity)";
}
