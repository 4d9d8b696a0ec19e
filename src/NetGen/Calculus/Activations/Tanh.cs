using System;

namespace NetGen.Calculus.Activations;

/// <summary>a = tanh z; σ' = 1 − a², which vanishes as |z| grows.</summary>
internal sealed class Tanh : ActivationFunction
{
    public static readonly Tanh Instance = new();

    public override Activation Kind => Activation.Tanh;
    public override string Name => "tanh";
    public override WeightInitialization Initialization => WeightInitialization.Glorot;
    public override bool CanSaturate => true;
    public override double Value(double z) => Math.Tanh(z);
    public override double Derivative(double z, double a) => 1.0 - a * a;

    public override string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative) =>
        $"1 − {a}² = 1 − ({ExplainNotation.Number(aValue)})² = {ExplainNotation.Number(derivative)}   (σ: tanh)";
}
