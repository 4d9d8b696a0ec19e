using System;

namespace NetGen.Calculus.Activations;

/// <summary>The logistic function a = 1 / (1 + e^−z); σ' = a(1 − a) ≤ 0.25, which vanishes as |z| grows.</summary>
internal sealed class Sigmoid : ActivationFunction
{
    public static readonly Sigmoid Instance = new();

    public override Activation Kind => Activation.Sigmoid;
    public override string Name => "the logistic function";
    public override WeightInitialization Initialization => WeightInitialization.Glorot;
    public override bool CanSaturate => true;
    public override double Value(double z) => 1.0 / (1.0 + Math.Exp(-z));
    public override double Derivative(double z, double a) => a * (1.0 - a);

    public override string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative) =>
        $"{a}(1 − {a}) = {ExplainNotation.Number(aValue)}·(1 − {ExplainNotation.Number(aValue)}) = {ExplainNotation.Number(derivative)}   (σ: the logistic function, σ' ≤ 0.25)";
}
