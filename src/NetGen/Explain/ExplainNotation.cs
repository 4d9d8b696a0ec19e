using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// The calculus notation of the explanations: a(L)_j, z(L−1)_k, w(L)_jk, b(L)_j. In a sequential network layers are
/// counted back from the output layer L (the layer before it is L−1, and so on down to the input); in a network graph
/// they are numbered 1, 2, ... in declaration order, or named when their name is not layerN. Numbers are culture-free.
/// </summary>
internal sealed class ExplainNotation
{
    private readonly string[] _labels;

    public ExplainNotation(NetworkSpec spec)
    {
        Spec = spec;
        int inputs = spec.Inputs.Count, layers = spec.Layers.Count;
        Relative = spec.IsSequential;
        _labels = new string[inputs + layers];
        for (int n = 0; n < _labels.Length; n++)
        {
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

    public string A(int node, int j) => $"a({_labels[node]})_{Index(j)}";
    public string Z(int node, int j) => $"z({_labels[node]})_{Index(j)}";
    public string W(int node, int j, int k) => $"w({_labels[node]})_{Sub(j, k)}";
    public string B(int node, int j) => $"b({_labels[node]})_{Index(j)}";
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
            // A sum has no activation: say what it adds up.
            string what = layer.Kind == LayerKind.Add ? "the sum " + string.Join(" + ", layer.Sources) : layer.Activation.ToString();
            if (_labels[n] != layer.Name)
                parts.Add($"{_labels[n]} = {layer.Name} ({what}{(output ? ", output" : "")})");
            else
                parts.Add($"{layer.Name} ({what}{(output ? ", output" : "")})");
        }
        for (int n = inputs - 1; n >= 0; n--)
            parts.Add(_labels[n] == Spec.Inputs[n].Name ? $"{_labels[n]} (an input)" : $"a({_labels[n]}) = the input '{Spec.Inputs[n].Name}'");
        return string.Join(", ", parts);
    }

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

    /// <summary>The activation's name as the text writes it.</summary>
    public static string ActivationName(Activation activation) => activation switch
    {
        Activation.Sigmoid => "the logistic function",
        Activation.Tanh => "tanh",
        Activation.ReLU => "ReLU",
        Activation.LeakyReLU => "leaky ReLU",
        Activation.Softplus => "softplus",
        Activation.Identity => "the identity",
        Activation.Softmax => "softmax",
        _ => activation.ToString(),
    };

    /// <summary>
    /// What σ'(z_j) of an element-wise activation equals, worked out with the example's numbers and ending with its value:
    /// "a(L)_0(1 − a(L)_0) = 0.7000·(1 − 0.7000) = 0.2100   (σ: the logistic function)".
    /// </summary>
    public string DerivativeFormula(Activation activation, int node, int j, double z, double a, double value)
    {
        string v = Number(value), a_ = A(node, j), z_ = Z(node, j);
        return activation switch
        {
            Activation.Sigmoid => $"{a_}(1 − {a_}) = {Number(a)}·(1 − {Number(a)}) = {v}   (σ: the logistic function, σ' ≤ 0.25)",
            Activation.Tanh => $"1 − {a_}² = 1 − ({Number(a)})² = {v}   (σ: tanh)",
            Activation.ReLU => z > 0.0
                ? $"1, because {z_} = {Number(z)} > 0   (σ: ReLU)"
                : $"0, because {z_} = {Number(z)} ≤ 0   (σ: ReLU; the neuron is off for this example)",
            Activation.LeakyReLU => z > 0.0
                ? $"1, because {z_} = {Number(z)} > 0   (σ: leaky ReLU)"
                : $"0.01, because {z_} = {Number(z)} ≤ 0   (σ: leaky ReLU)",
            Activation.Softplus => $"1 / (1 + e^−{z_}) = 1 / (1 + e^−({Number(z)})) = {v}   (σ: softplus, whose slope is the logistic function)",
            Activation.Identity => "1   (σ: the identity)",
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Expected an element-wise activation (not Softmax)."),
        };
    }
}
