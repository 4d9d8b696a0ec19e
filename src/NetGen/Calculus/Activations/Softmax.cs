using System;

namespace NetGen.Calculus.Activations;

/// <summary>a_j = e^(z_j) / Σ_i e^(z_i) over the layer (computed around the largest z); ∂a_i/∂z_j = a_i(δ_ij − a_j), a
/// Jacobian rather than one slope per unit, so the element-wise members refuse.</summary>
internal sealed class Softmax : ActivationFunction
{
    public static readonly Softmax Instance = new();

    public override Activation Kind => Activation.Softmax;
    public override string Name => "softmax";
    public override bool IsElementWise => false;
    public override WeightInitialization Initialization => WeightInitialization.Glorot;

    public override double Value(double z) => throw NotElementWise();
    public override double Derivative(double z, double a) => throw NotElementWise();
    public override string DerivativeFormula(string a, string z, double zValue, double aValue, double derivative) => throw NotElementWise();

    public override void Apply(ReadOnlySpan<double> z, Span<double> a)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z) max = Math.Max(max, v);
        double total = 0.0;
        for (int j = 0; j < z.Length; j++) total += a[j] = Math.Exp(z[j] - max);
        for (int j = 0; j < z.Length; j++) a[j] /= total;
    }

    private static InvalidOperationException NotElementWise() =>
        new("Softmax is not element-wise: its derivative is the Jacobian a_i(δ_ij − a_j) of the whole layer.");
}
