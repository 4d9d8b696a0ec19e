using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Calculus.Layers;

/// <summary>
/// A convolution: z[o,y,x] = Σ_{c,i,j} w[o,c,i,j]·a[c, y·s+i−p, x·s+j−p] + b[o] over the sources concatenated along
/// channels, with zero padding p (a tap that falls on the padding reads 0 and is left out) and stride s, then σ. Weights
/// [filters × in_channels × kH × kW] row-major, then one bias per filter.
/// </summary>
internal sealed class ConvRule : LayerRule
{
    private static readonly Comparer<Use> ByOutput = Comparer<Use>.Create((x, y) => x.Output.CompareTo(y.Output));

    private readonly int[] _channelOffsets;
    private readonly int _channels, _weights, _biases, _kh, _kw, _stride, _padding;
    private readonly Shape _input;

    public ConvRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) : base(spec, layer, sourceNodes, parameters)
    {
        _weights = spec.WeightOffset(layer);
        _biases = spec.BiasOffset(layer);
        _kh = Definition.KernelHeight;
        _kw = Definition.KernelWidth;
        _stride = Definition.Stride;
        _padding = Definition.Padding;
        _channelOffsets = new int[sourceNodes.Length];
        for (int s = 0; s < sourceNodes.Length; s++)
        {
            _channelOffsets[s] = _channels;
            _channels += spec.ShapeOf(Definition.Sources[s]).Channels;
        }
        Shape first = spec.ShapeOf(Definition.Sources[0]);
        _input = Shape.Image(_channels, first.Height, first.Width);
    }

    public override bool HasActivation => true;

    public override int BiasOf(int j) => _biases + j / (Output.Height * Output.Width);

    private int WeightIndex(int o, int c, int i, int j) => _weights + ((o * _channels + c) * _kh + i) * _kw + j;

    /// <summary>The source and the index in it of channel <paramref name="c"/> of the concatenated input at (y, x).</summary>
    private (int Slot, int Index) Locate(int c, int y, int x)
    {
        int s = _channelOffsets.Length - 1;
        while (_channelOffsets[s] > c) s--;
        var shape = Shape.Image(Spec.ShapeOf(Definition.Sources[s]).Channels, _input.Height, _input.Width);
        return (s, shape.IndexOf(c - _channelOffsets[s], y, x));
    }

    public override void Connections(int j, double[][] a, List<Connection> into)
    {
        int area = Output.Height * Output.Width;
        int o = j / area, y = j % area / Output.Width, x = j % Output.Width;
        for (int c = 0; c < _channels; c++)
            for (int i = 0; i < _kh; i++)
            {
                int row = y * _stride + i - _padding;
                if (row < 0 || row >= _input.Height) continue;
                for (int jj = 0; jj < _kw; jj++)
                {
                    int column = x * _stride + jj - _padding;
                    if (column < 0 || column >= _input.Width) continue;
                    (int slot, int index) = Locate(c, row, column);
                    int parameter = WeightIndex(o, c, i, jj);
                    into.Add(new Connection(SourceNodes[slot], index, parameter, Parameters[parameter]));
                }
            }
    }

    public override void Readers(int slot, int k, double[][] a, List<Use> into)
    {
        int start = into.Count;
        Shape source = Spec.ShapeOf(Definition.Sources[slot]);
        int area = source.Height * source.Width;
        int c = _channelOffsets[slot] + k / area, row = k % area / source.Width, column = k % source.Width;
        for (int o = 0; o < Output.Channels; o++)
            for (int i = 0; i < _kh; i++)
            {
                int y = Position(row, i, Output.Height);
                if (y < 0) continue;
                for (int jj = 0; jj < _kw; jj++)
                {
                    int x = Position(column, jj, Output.Width);
                    if (x < 0) continue;
                    int parameter = WeightIndex(o, c, i, jj);
                    into.Add(new Use(Output.IndexOf(o, y, x), new Connection(SourceNodes[slot], k, parameter, Parameters[parameter])));
                }
            }
        into.Sort(start, into.Count - start, ByOutput);
    }

    /// <summary>The output row (or column) whose kernel tap <paramref name="tap"/> lands on input row <paramref name="input"/>:
    /// y with y·s + tap − p = input, or −1 if there is none.</summary>
    private int Position(int input, int tap, int outputs)
    {
        int shifted = input + _padding - tap;
        if (shifted < 0 || shifted % _stride != 0) return -1;
        int position = shifted / _stride;
        return position < outputs ? position : -1;
    }

    public override void Uses(int parameter, List<Use> into)
    {
        if (parameter >= _biases)
        {
            int filter = parameter - _biases;
            for (int y = 0; y < Output.Height; y++)
                for (int x = 0; x < Output.Width; x++)
                    into.Add(new Use(Output.IndexOf(filter, y, x), new Connection(-1, -1, parameter, 1.0)));
            return;
        }
        int local = parameter - _weights;
        int jj = local % _kw, i = local / _kw % _kh, c = local / (_kw * _kh) % _channels, o = local / (_kw * _kh * _channels);
        for (int y = 0; y < Output.Height; y++)
        {
            int row = y * _stride + i - _padding;
            if (row < 0 || row >= _input.Height) continue;
            for (int x = 0; x < Output.Width; x++)
            {
                int column = x * _stride + jj - _padding;
                if (column < 0 || column >= _input.Width) continue;
                (int slot, int index) = Locate(c, row, column);
                into.Add(new Use(Output.IndexOf(o, y, x), new Connection(SourceNodes[slot], index, parameter, Parameters[parameter])));
            }
        }
    }

    /// <summary>(o, c, i, j) of a weight.</summary>
    public (int O, int C, int I, int J) WeightAt(int parameter)
    {
        int local = parameter - _weights;
        return (local / (_kw * _kh * _channels), local / (_kw * _kh) % _channels, local / _kw % _kh, local % _kw);
    }

    /// <summary>The node and the channel in it of channel <paramref name="c"/> of the concatenated input.</summary>
    public (int Node, int Channel) SourceOfChannel(int c)
    {
        int s = _channelOffsets.Length - 1;
        while (_channelOffsets[s] > c) s--;
        return (SourceNodes[s], c - _channelOffsets[s]);
    }

    public int Stride => _stride;
    public int Padding => _padding;

    public override string CoefficientSymbol(ExplainNotation notation, Use use)
    {
        (int o, int c, int i, int j) = WeightAt(use.Connection.Parameter);
        return notation.W(Node, o, c, i, j);
    }

    public override (string Sum, string Over) SensitivityHeader(ExplainNotation notation, string symbol, IReadOnlyList<Use> uses)
    {
        string label = notation.Label(Node);
        int c = WeightAt(uses[0].Connection.Parameter).C;
        return (string.Create(CultureInfo.InvariantCulture, $"Σ w({label})_o,{c},i,j · σ'(z({label})_o,y,x) · ∂C/∂a({label})_o,y,x"),
            $"over {Count(uses.Count, "output")} (o,y,x) of {notation.LayerWord(Node)} whose kernel covers {symbol}");
    }

    public override string Unread => $"the kernel of '{Name}' never covers it (its stride passes over this position)";
}
