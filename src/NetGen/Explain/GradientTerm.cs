using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// One output's share of a parameter's gradient: the chain-rule product through output j of the parameter's layer,
/// ∂z_j/∂θ · ∂a_j/∂z_j · ∂C/∂a_j. A dense weight or bias feeds one output, so its gradient is one term; a convolution's
/// weight w[o,c,i,j] feeds every output position (o, y, x) of filter o whose kernel tap (i, j) falls on the image, so its
/// gradient is the sum of one term per position, a(l−1)[c, y·s+i−p, x·s+j−p] · σ'(z[o,y,x]) · ∂C/∂a[o,y,x] (its bias:
/// σ'(z[o,y,x]) · ∂C/∂a[o,y,x] over every position).
/// </summary>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed class GradientTerm
{
    internal GradientTerm(int output, string position, GradientFactor[] factors)
    {
        Output = output;
        Position = position;
        Factors = factors;
        double product = 1.0;
        foreach (GradientFactor factor in factors) product *= factor.Value;
        Value = product;
    }

    /// <summary>The index of the output in its layer, flat ((o·H + y)·W + x for a convolution).</summary>
    public int Output { get; }

    /// <summary>The output's index as the notation writes it: <c>2</c> for a dense neuron, <c>0,3,4</c> (o,y,x) for a
    /// convolution.</summary>
    public string Position { get; }

    /// <summary>The factors of the product, in chain-rule order from the parameter to the cost.</summary>
    public IReadOnlyList<GradientFactor> Factors { get; }

    /// <summary>The product of <see cref="Factors"/>.</summary>
    public double Value { get; }

    /// <summary>"a(1)_0,1,1 · σ'(z(2)_0,0,0) · ∂C/∂a(2)_0,0,0 = 0.5000 · 1 · 0.02000 = 0.01000", culture-free.</summary>
    public override string ToString()
    {
        var expressions = new List<string>();
        var values = new List<double>();
        foreach (GradientFactor f in Factors)
        {
            expressions.Add(GradientExplanation.HasTopLevelSum(f.Expression) ? "(" + f.Expression + ")" : f.Expression);
            values.Add(f.Value);
        }
        return $"{string.Join(" · ", expressions)} = {ExplainNotation.Product(values)} = {ExplainNotation.Number(Value)}";
    }
}
