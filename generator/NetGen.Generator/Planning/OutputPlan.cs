using NetGen.Generator.Calculus;

namespace NetGen.Generator.Planning;

/// <summary>An output: a layer, its loss and weight, where its targets start in a flat target row, and the names the
/// generated code gives it.</summary>
internal sealed class OutputPlan(LayerPlan layer, LossFunction loss, double weight, int offset, string parameterName, string costMethod, string targetSymbol)
{
    public LayerPlan Layer { get; } = layer;
    public LossFunction Loss { get; } = loss;
    public double Weight { get; } = weight;
    /// <summary>Where its targets start in a flat target row (and its values in a flat output row).</summary>
    public int Offset { get; } = offset;
    /// <summary>Its span's parameter name in the named Forward overload; Backward's target span is this + "Target".</summary>
    public string ParameterName { get; } = parameterName;
    /// <summary>The name of the method that computes its cost and sensitivity (without the lane suffix).</summary>
    public string CostMethod { get; } = costMethod;
    /// <summary>The span of its targets inside the training pass: y, or y3 for the output on layer 3 among several.</summary>
    public string TargetSymbol { get; } = targetSymbol;
    /// <summary>True when the cost hands back ∂C/∂z of the layer directly (cross-entropy on softmax: S·a − y), not ∂C/∂a.</summary>
    public bool GivesDz => Loss.GivesDz;
}
