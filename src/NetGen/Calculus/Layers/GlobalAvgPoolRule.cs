using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Calculus.Layers;

/// <summary>Global average pooling: a_c is the mean of channel c of the image, so each of its n = H·W values has
/// coefficient 1/n and gets ∂C/∂a_c / n back.</summary>
internal sealed class GlobalAvgPoolRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) : LayerRule(spec, layer, sourceNodes, parameters)
{
    private readonly Shape _input = spec.ShapeOf(spec.Layers[layer].Sources[0]);

    private int Area => _input.Height * _input.Width;

    public override bool HasActivation => false;

    public override void Connections(int j, double[][] a, List<Connection> into)
    {
        for (int k = j * Area; k < (j + 1) * Area; k++) into.Add(new Connection(SourceNodes[0], k, -1, 1.0 / Area));
    }

    public override void Readers(int slot, int k, double[][] a, List<Use> into) =>
        into.Add(new Use(k / Area, new Connection(SourceNodes[0], k, -1, 1.0 / Area)));

    public override string CoefficientSymbol(ExplainNotation notation, Use use) => "1/" + Area.ToString(CultureInfo.InvariantCulture);

    public override (string Sum, string Over) SensitivityHeader(ExplainNotation notation, string symbol, IReadOnlyList<Use> uses) =>
        ($"{CoefficientSymbol(notation, uses[0])} · ∂C/∂{notation.A(Node, uses[0].Output)}", $"through the global average pooling '{Name}'");
}
