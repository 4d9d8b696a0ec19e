using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Calculus.Layers;

/// <summary>Average pooling: a_j is the mean of window j, so each of its n = kH·kW values has coefficient 1/n and gets
/// ∂C/∂a_j / n back.</summary>
internal sealed class AvgPoolRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) : PoolRule(spec, layer, sourceNodes, parameters)
{
    private int WindowSize => Definition.KernelHeight * Definition.KernelWidth;

    public override void Connections(int j, double[][] a, List<Connection> into)
    {
        foreach (int k in Window(j)) into.Add(new Connection(SourceNodes[0], k, -1, 1.0 / WindowSize));
    }

    public override void Readers(int slot, int k, double[][] a, List<Use> into)
    {
        foreach (int j in WindowsHolding(k)) into.Add(new Use(j, new Connection(SourceNodes[0], k, -1, 1.0 / WindowSize)));
    }

    public override string CoefficientSymbol(ExplainNotation notation, Use use) => "1/" + WindowSize.ToString(CultureInfo.InvariantCulture);

    public override (string Sum, string Over) SensitivityHeader(ExplainNotation notation, string symbol, IReadOnlyList<Use> uses)
    {
        string share = CoefficientSymbol(notation, uses[0]);
        return uses.Count == 1
            ? ($"{share} · ∂C/∂{notation.A(Node, uses[0].Output)}", $"through the average pooling '{Name}'")
            : ($"Σ {share} · ∂C/∂a({notation.Label(Node)})_c,y,x", $"over {Count(uses.Count, "window")} of the average pooling '{Name}' that hold {symbol}");
    }
}
