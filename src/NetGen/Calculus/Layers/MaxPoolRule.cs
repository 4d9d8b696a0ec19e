using System.Collections.Generic;

namespace NetGen.Calculus.Layers;

/// <summary>Max pooling: a_j is the largest value of window j, and z_j reads only that value (coefficient 1), the first
/// one in row-major window order on a tie, as PyTorch. So ∂C/∂a goes to the winner, and the other values of the window
/// get nothing from it.</summary>
internal sealed class MaxPoolRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) : PoolRule(spec, layer, sourceNodes, parameters)
{
    /// <summary>The index in the input of window <paramref name="j"/>'s largest value (the first on a tie).</summary>
    private int Winner(int j, double[] input)
    {
        int best = -1;
        foreach (int k in Window(j))
            if (best < 0 || input[k] > input[best]) best = k;
        return best;
    }

    public override void Connections(int j, double[][] a, List<Connection> into) =>
        into.Add(new Connection(SourceNodes[0], Winner(j, a[SourceNodes[0]]), -1, 1.0));

    public override void Readers(int slot, int k, double[][] a, List<Use> into)
    {
        foreach (int j in WindowsHolding(k))
            if (Winner(j, a[SourceNodes[0]]) == k)
                into.Add(new Use(j, new Connection(SourceNodes[0], k, -1, 1.0)));
    }

    public override string CoefficientSymbol(ExplainNotation notation, Use use) => "1";

    public override (string Sum, string Over) SensitivityHeader(ExplainNotation notation, string symbol, IReadOnlyList<Use> uses) =>
        uses.Count == 1
            ? ("∂C/∂" + notation.A(Node, uses[0].Output), $"through the max pooling '{Name}', whose window it wins")
            : ($"Σ ∂C/∂a({notation.Label(Node)})_c,y,x", $"over {Count(uses.Count, "window")} of the max pooling '{Name}' that {symbol} wins");

    public override string TermNote(Use use) => $"the maximum of its window in the max pooling '{Name}'";

    public override string Unread => $"it is not the maximum of any window of the max pooling '{Name}'";
}
