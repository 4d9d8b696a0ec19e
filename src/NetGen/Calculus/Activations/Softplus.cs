using System;

namespace NetGen.Calculus.Activations;

/// <summary>a = ln(1 + e^z), computed as max(z, 0) + ln(1 + e^−|z|) so that it never overflows; σ' = 1 / (1 + e^−z),
/// the logistic function.</summary>
internal sealed class Softplus : ActivationFunction
{
    public static readonly Softplus Instance = new();

    public override Activation Kind => Activation.Softplus;
    public override string Name => "softplus";
    public override WeightInitialization Initialization => WeightInitialization.He;
    public override double Value(double z) => Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
    public override double Derivative(double z, double a) => 1.0 / (1.0 + Math.Exp(-z));

    public override string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative) =>
        $"1 / (1 + e^−{z}) = 1 / (1 + e^−({ExplainNotation.Number(zValue)})) = {ExplainNotation.Number(derivative)}   (σ: softplus, whose slope is the logistic function)";
}
