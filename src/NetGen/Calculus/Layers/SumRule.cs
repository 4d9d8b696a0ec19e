using System.Collections.Generic;

namespace NetGen.Calculus.Layers;

/// <summary>A sum (a skip connection): a_j = Σ_s a(s)_j over sources of one shape. No parameters, no activation; its
/// ∂C/∂a passes unchanged to value j of every source.</summary>
internal sealed class SumRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) : LayerRule(spec, layer, sourceNodes, parameters)
{
    public override bool HasActivation => false;

    public override void Connections(int j, double[][] a, List<Connection> into)
    {
        foreach (int node in SourceNodes) into.Add(new Connection(node, j, -1, 1.0));
    }

    public override void Readers(int slot, int k, double[][] a, List<Use> into) =>
        into.Add(new Use(k, new Connection(SourceNodes[slot], k, -1, 1.0)));

    public override string CoefficientSymbol(ExplainNotation notation, Use use) => "1";

    public override (string Sum, string Over) SensitivityHeader(ExplainNotation notation, string symbol, IReadOnlyList<Use> uses) =>
        ("∂C/∂" + notation.A(Node, uses[0].Output), $"through the sum '{Name}'");

    public override string TermNote(Use use) => $"through the sum '{Name}'";
}
