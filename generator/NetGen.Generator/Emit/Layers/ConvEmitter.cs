using System.Linq;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// A convolution's methods, loops with constant bounds, each commented with the product it computes:
/// forward z[o,y,x] = Σ_{c,i,j} w[o,c,i,j]·x[c, y·s+i−p, x·s+j−p] + b[o], a = σ(z); backward ∂C/∂z = σ'(z)·∂C/∂a,
/// ∂C/∂w[o,c,i,j] = Σ_{y,x} x[c, y·s+i−p, x·s+j−p]·∂C/∂z[o,y,x], ∂C/∂b[o] = Σ_{y,x} ∂C/∂z[o,y,x], and ∂C/∂x as the sum over
/// every output position a value feeds, scattered back into the sources.
/// </summary>
internal static class ConvEmitter
{
    public static void EmitForward(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        w.Doc($"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), forward: the convolution z{l}[o,y,x] = Σ_{{c,i,j}} w{l}[o,c,i,j]·x[c, {Position(layer, "y", "i")}, {Position(layer, "x", "j")}] + b{l}[o]\n"
            + $"of the {layer.InChannels}×{layer.InHeight}×{layer.InWidth} image x = {Reads(layer)}, then a{l} = {layer.Activation.Describe("z" + l)}.</summary>");
        using (w.Block($"private void {layer.ForwardMethod}{f.Suffix}({LayerEmitter.ForwardParameters(f, layer)})"))
        {
            EmitParameters(w, f, layer, biases: true);
            using (OutputLoops(w, layer))
            {
                w.Line($"// z{l}[o,y,x] = b{l}[o] + Σ_{{c,i,j}} w{l}[o,c,i,j]·x[c, {Position(layer, "y", "i")}, {Position(layer, "x", "j")}]"
                    + (layer.Model.Padding > 0 ? $": the padding ({layer.Model.Padding} on every side) reads 0, so only the terms inside the image count." : "."));
                w.Line($"{f.Type} z = b{l}[o];");
                EmitKernelLoops(w, layer, (source, weight, input) => w.Line($"z += w{l}[{weight}] * {source.Node.Symbol}[{input}];"));
                w.Line($"int at = (o * {layer.Shape.Height} + y) * {layer.Shape.Width} + x;");
                w.Line($"z{l}[at] = z;");
                if (layer.Activation.IsElementWise)
                    w.Line($"a{l}[at] = {layer.Activation.Apply(f, "z")};{layer.Activation.LineComment("z")}");
            }
            if (!layer.Activation.IsElementWise) SoftmaxEmitter.EmitForwardLoop(w, f, layer);
        }
        w.Line();
    }

    public static void EmitBackward(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        string[] scattered = layer.Sources.Select(s => s.Node).OfType<LayerPlan>().Distinct().Select(s => s.Symbol).ToArray();
        w.Doc($"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), backward: ∂C/∂a{l} summed over its paths to the cost, ∂C/∂z{l} = σ'(z{l})·∂C/∂a{l}, then\n"
            + $"∂C/∂w{l}[o,c,i,j] = Σ_{{y,x}} x[c, {Position(layer, "y", "i")}, {Position(layer, "x", "j")}]·∂C/∂z{l}[o,y,x] and ∂C/∂b{l}[o] = Σ_{{y,x}} ∂C/∂z{l}[o,y,x] into the gradient"
            + (scattered.Length == 0 ? ".</summary>" : $";\n∂C/∂x, the sum over every output position each value of x feeds, is added into the ∂C/∂a of {string.Join(", ", scattered)}.</summary>"));
        using (w.Block($"private void {layer.BackwardMethod}{f.Suffix}({LayerEmitter.BackwardParameters(f, layer)})"))
        {
            string sensitivity = SensitivityEmitter.EmitLoop(w, f, layer, $"dC_da{l}");
            EmitParameters(w, f, layer, biases: false);
            w.Line($"{f.Span} dC_dw{l} = gradient.Slice({layer.WeightOffset}, {(long)layer.Units * layer.FanIn});");
            bool softmax = !layer.Activation.IsElementWise;
            if (!layer.GivenDz && softmax) SoftmaxEmitter.EmitJacobianSumLoop(w, f, layer, sensitivity);
            using (OutputLoops(w, layer))
            {
                w.Line($"int at = (o * {layer.Shape.Height} + y) * {layer.Shape.Width} + x;");
                if (layer.GivenDz)
                {
                    w.Line($"// ∂C/∂z{l}[o,y,x], computed with the cost.");
                    w.Line($"{f.Type} dC_dz = dC_dz{l}[at];");
                }
                else if (softmax)
                {
                    w.Line($"{f.Type} dC_dz = a{l}[at] * ({sensitivity}[at] - s);");
                }
                else if (layer.Activation.HasUnitDerivative)
                {
                    w.Line($"// ∂C/∂z{l}[o,y,x] = ∂C/∂a{l}[o,y,x], with ∂a/∂z = 1 (identity)");
                    w.Line($"{f.Type} dC_dz = {sensitivity}[at];");
                }
                else
                {
                    w.Line($"// ∂C/∂z{l}[o,y,x] = ∂a/∂z · ∂C/∂a{l}[o,y,x], with ∂a/∂z = {layer.Activation.DerivativeFormula($"z{l}[o,y,x]", $"a{l}[o,y,x]")}");
                    w.Line($"{f.Type} dC_dz = ({layer.Activation.Derivative(f, $"z{l}[at]", $"a{l}[at]")}) * {sensitivity}[at];");
                }
                w.Line($"// ∂C/∂b{l}[o] += ∂z{l}[o,y,x]/∂b{l}[o] · ∂C/∂z{l}[o,y,x] = 1 · ∂C/∂z{l}[o,y,x]");
                w.Line($"gradient[{layer.BiasOffset} + o] += dC_dz;");
                w.Line($"// ∂C/∂w{l}[o,c,i,j] += x[c, {Position(layer, "y", "i")}, {Position(layer, "x", "j")}] · ∂C/∂z{l}[o,y,x]"
                    + (scattered.Length == 0 ? "" : $", and ∂C/∂x[c, {Position(layer, "y", "i")}, {Position(layer, "x", "j")}] += w{l}[o,c,i,j] · ∂C/∂z{l}[o,y,x]"));
                EmitKernelLoops(w, layer, (source, weight, input) =>
                {
                    w.Line($"dC_dw{l}[{weight}] += {source.Node.Symbol}[{input}] * dC_dz;");
                    if (source.Node is LayerPlan read) w.Line($"{read.ScatterSpan}[{input}] += w{l}[{weight}] * dC_dz;");
                });
            }
        }
        w.Line();
    }

    /// <summary>The row or column a kernel offset reads: "y·2+i−1", "y+i" without stride and padding.</summary>
    private static string Position(LayerPlan layer, string output, string offset) =>
        (layer.Model.Stride == 1 ? output : $"{output}·{layer.Model.Stride}") + "+" + offset + (layer.Model.Padding == 0 ? "" : $"−{layer.Model.Padding}");

    private static string Reads(LayerPlan layer) =>
        layer.Sources.Count == 1 ? layer.Sources[0].Node.Symbol : string.Join(" ‖ ", layer.Sources.Select(s => s.Node.Symbol)) + " (stacked along channels)";

    private static void EmitParameters(SourceWriter w, NumericForm f, LayerPlan layer, bool biases)
    {
        int l = layer.Number;
        NetworkPlan plan = f.Plan;
        w.Line($"// w{l} is [{Documentation.Count(layer.Units, "filter")} × {Documentation.Count(layer.InChannels, "channel")} × {layer.Model.KernelHeight} × {layer.Model.KernelWidth}] row-major at Parameters[{layer.WeightOffset}..{layer.BiasOffset})"
            + (biases ? $"; b{l} [{layer.Units}] at Parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Units})." : "."));
        w.Line($"{plan.ReadOnlySpan} w{l} = new {plan.ReadOnlySpan}({GeneratedMembers.ParameterArray}, {layer.WeightOffset}, {(long)layer.Units * layer.FanIn});");
        if (biases) w.Line($"{plan.ReadOnlySpan} b{l} = new {plan.ReadOnlySpan}({GeneratedMembers.ParameterArray}, {layer.BiasOffset}, {layer.Units});");
    }

    /// <summary>Loops o, y, x over the output's filters, rows and columns; dispose to close them.</summary>
    private static System.IDisposable OutputLoops(SourceWriter w, LayerPlan layer) => new NestedScope(
        w.Block($"for (int o = 0; o < {layer.Units}; o++)"),
        w.Block($"for (int y = 0; y < {layer.Shape.Height}; y++)"),
        w.Block($"for (int x = 0; x < {layer.Shape.Width}; x++)"));

    /// <summary>
    /// Loops over the channels c of each source and the kernel offsets i, j of one output position (o, y, x), skipping the
    /// offsets that fall in the padding, and writes <paramref name="body"/> with the index of w[o,c,i,j] and of the source
    /// value x[c, row, column] it multiplies.
    /// </summary>
    private static void EmitKernelLoops(SourceWriter w, LayerPlan layer, System.Action<SourcePlan, string, string> body)
    {
        int kh = layer.Model.KernelHeight, kw = layer.Model.KernelWidth, s = layer.Model.Stride, p = layer.Model.Padding;
        int height = layer.InHeight, width = layer.InWidth, channel = 0;
        foreach (SourcePlan source in layer.Sources)
        {
            int channels = source.Node.Shape.Channels;
            string c = channel == 0 ? "c" : $"{channel} + c";
            using (w.Block($"for (int c = 0; c < {channels}; c++)"))
            using (w.Block($"for (int i = 0; i < {kh}; i++)"))
            {
                w.Line($"int row = {(s == 1 ? "y" : $"y * {s}")} + i{(p == 0 ? "" : $" - {p}")};");
                if (p > 0) w.Line($"if ((uint)row >= {height}u) continue;");
                using (w.Block($"for (int j = 0; j < {kw}; j++)"))
                {
                    w.Line($"int column = {(s == 1 ? "x" : $"x * {s}")} + j{(p == 0 ? "" : $" - {p}")};");
                    if (p > 0) w.Line($"if ((uint)column >= {width}u) continue;");
                    body(source, $"((o * {layer.InChannels} + {c}) * {kh} + i) * {kw} + j", $"(c * {height} + row) * {width} + column");
                }
            }
            channel += channels;
        }
    }
}
