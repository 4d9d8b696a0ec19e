using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using NetGen.Calculus;

namespace NetGen;

/// <summary>
/// The calculus notation of the explanations: a(L)_j, z(L−1)_k, w(L)_jk, b(L)_j. In a sequential network layers are
/// counted back from the output layer L (the layer before it is L−1, and so on down to the input); in a network graph
/// they are numbered 1, 2, ... in declaration order, or named when their name is not layerN. Numbers are culture-free.
/// </summary>
internal sealed class ExplainNotation
{
    private readonly string[] _labels;
    private readonly Shape[] _shapes;

    public ExplainNotation(NetworkSpec spec)
    {
        Spec = spec;
        int inputs = spec.Inputs.Count, layers = spec.Layers.Count;
        Relative = spec.IsSequential;
        _labels = new string[inputs + layers];
        _shapes = new Shape[inputs + layers];
        for (int n = 0; n < _labels.Length; n++)
        {
            _shapes[n] = n < inputs ? spec.Inputs[n].Shape : spec.ShapeOf(n - inputs);
            if (Relative)
            {
                int back = inputs + layers - 1 - n; // the output layer is 0 steps back, the input `layers` steps
                _labels[n] = back == 0 ? "L" : "L−" + back.ToString(CultureInfo.InvariantCulture);
            }
            else if (n < inputs)
            {
                _labels[n] = inputs == 1 ? "0" : spec.Inputs[n].Name;
            }
            else
            {
                int number = n - inputs + 1;
                string name = spec.Layers[n - inputs].Name;
                _labels[n] = name == NetworkSpec.DefaultLayerName(number) ? number.ToString(CultureInfo.InvariantCulture) : name;
            }
        }
    }

    public NetworkSpec Spec { get; }

    /// <summary>True when layers are counted back from the output layer L.</summary>
    public bool Relative { get; }

    /// <summary>The label of a node (inputs first, then layers): "L", "L−1", "2", "0".</summary>
    public string Label(int node) => _labels[node];

    /// <summary>a(L)_j, or a(L)_c,y,x for a value of an image (channel, row, column).</summary>
    public string A(int node, int j) => $"a({_labels[node]})_{Position(node, j)}";
    /// <summary>z(L)_j, or z(L)_o,y,x for an output of a convolution.</summary>
    public string Z(int node, int j) => $"z({_labels[node]})_{Position(node, j)}";
    /// <summary>w(L)_jk of a dense layer.</summary>
    public string W(int node, int j, int k) => $"w({_labels[node]})_{Sub(j, k)}";
    /// <summary>w(L)_o,c,i,j of a convolution: filter o, input channel c, kernel row i and column j.</summary>
    public string W(int node, int o, int c, int i, int j) => string.Create(CultureInfo.InvariantCulture, $"w({_labels[node]})_{o},{c},{i},{j}");
    public string B(int node, int j) => $"b({_labels[node]})_{Index(j)}";

    /// <summary>The index of value <paramref name="j"/> of a node: j, or c,y,x for an image.</summary>
    public string Position(int node, int j)
    {
        Shape shape = _shapes[node];
        if (!shape.IsImage) return Index(j);
        int area = shape.Height * shape.Width;
        return string.Create(CultureInfo.InvariantCulture, $"{j / area},{j % area / shape.Width},{j % shape.Width}");
    }
    public static string Y(int j) => "y_" + Index(j);

    /// <summary>The layer word used in text: "layer L" or "layer 2".</summary>
    public string LayerWord(int node) => node < Spec.Inputs.Count ? "the input" : "layer " + _labels[node];

    /// <summary>One line that says what the labels stand for.</summary>
    public string Legend()
    {
        var parts = new List<string>();
        int inputs = Spec.Inputs.Count;
        for (int n = _labels.Length - 1; n >= inputs; n--)
        {
            LayerSpec layer = Spec.Layers[n - inputs];
            bool output = false;
            foreach (OutputSpec o in Spec.Outputs) output |= o.Source == layer.Name;
            // A sum has no activation: say what it adds up; a convolution or pooling says so.
            string what = layer.Kind switch
            {
                LayerKind.Add => "the sum " + string.Join(" + ", layer.Sources),
                LayerKind.Conv => $"{layer.Activation} convolution, {Spec.ShapeOf(n - inputs)}",
                LayerKind.MaxPool or LayerKind.AvgPool or LayerKind.GlobalAvgPool =>
                    WithoutArticle(NetworkSpec.KindText(layer.Kind)) + ", " + Spec.ShapeOf(n - inputs),
                _ => layer.Activation.ToString(),
            };
            if (_labels[n] != layer.Name)
                parts.Add($"{_labels[n]} = {layer.Name} ({what}{(output ? ", output" : "")})");
            else
                parts.Add($"{layer.Name} ({what}{(output ? ", output" : "")})");
        }
        for (int n = inputs - 1; n >= 0; n--)
            parts.Add(_labels[n] == Spec.Inputs[n].Name ? $"{_labels[n]} (an input)" : $"a({_labels[n]}) = the input '{Spec.Inputs[n].Name}'");
        return string.Join(", ", parts);
    }

    /// <summary>"max pooling" for "a max pooling".</summary>
    public static string WithoutArticle(string text) => text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    /// <summary>Two indices jk, written j,k when either has more than one digit.</summary>
    public static string Sub(int j, int k) =>
        j < 10 && k < 10 ? string.Create(CultureInfo.InvariantCulture, $"{j}{k}") : string.Create(CultureInfo.InvariantCulture, $"{j},{k}");

    public static string Index(int j) => j.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A value for reading: four significant digits in fixed notation between 0.001 and 100000 (0.2100, -0.5000, 12.35),
    /// scientific outside (1.234e-7), whole numbers without decimals (0, 1, -2). Invariant culture: the minus sign is '-', the decimal point '.'.
    /// </summary>
    public static string Number(double value)
    {
        if (value == 0.0) return "0";
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        double abs = Math.Abs(value);
        if (abs < 1e5 && value == Math.Round(value)) return value.ToString("F0", CultureInfo.InvariantCulture); // 1, not 1.000
        if (abs >= 1e-3 && abs < 1e5)
        {
            int magnitude = (int)Math.Floor(Math.Log10(abs));
            int decimals = Math.Max(0, 3 - magnitude);
            return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return value.ToString("0.000e+0", CultureInfo.InvariantCulture);
    }

    /// <summary>A value to all its digits (round-trippable).</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Numbers joined by " · ", negative ones in parentheses when they are not the first.</summary>
    public static string Product(IEnumerable<double> values)
    {
        var text = new StringBuilder();
        foreach (double v in values)
        {
            if (text.Length > 0) text.Append(" · ");
            text.Append(Number(v));
        }
        return text.ToString();
    }

    /// <summary>
    /// What σ'(z_j) of an element-wise activation equals, worked out with the example's numbers and ending with its value
    /// (see <see cref="ActivationFunction.DerivativeFormula"/>).
    /// </summary>
    public string DerivativeFormula(ActivationFunction activation, int node, int j, double z, double a, double value) =>
        activation.DerivativeFormula(A(node, j), Z(node, j), z, a, value);
}
