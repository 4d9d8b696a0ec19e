using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// Max, average and global average pooling: no parameters. Forward: each window's largest value or mean. Backward: ∂C/∂a
/// goes to the position that won its window (the first one on a tie, as PyTorch), or is spread evenly over the window,
/// added into the source's ∂C/∂a.
/// </summary>
internal static class PoolEmitter
{
    public static void EmitForward(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        string x = layer.Sources[0].Node.Symbol;
        w.Doc($"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), forward: {CSharpText.Xml(Formula(layer, x))}.</summary>");
        using (w.Block($"private void {layer.ForwardMethod}{f.Suffix}({LayerEmitter.ForwardParameters(f, layer)})"))
        {
            w.Line($"// {Formula(layer, x)}.");
            using (WindowLoops(w, layer))
            {
                switch (layer.Model.Kind)
                {
                    case LayerKind.MaxPool:
                        w.Line($"{f.Type} largest = {x}[{Input(layer, "0", "0")}];");
                        using (KernelLoops(w, layer))
                        {
                            w.Line($"{f.Type} value = {x}[{Input(layer, "i", "j")}];");
                            w.Line($"if (value > largest || {f.Type}.IsNaN(value)) largest = value;   // a NaN wins, as in PyTorch");
                        }
                        w.Line($"a{l}[{Output(layer)}] = largest;");
                        break;
                    case LayerKind.AvgPool or LayerKind.GlobalAvgPool:
                        w.Line($"{f.Type} sum = {f.Zero};");
                        using (KernelLoops(w, layer))
                            w.Line($"sum += {x}[{Input(layer, "i", "j")}];");
                        w.Line($"a{l}[{Output(layer)}] = sum / {f.Plan.Literal(WindowSize(layer))};");
                        break;
                }
            }
        }
        w.Line();
    }

    public static void EmitBackward(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        var source = (LayerPlan)layer.Sources[0].Node;
        string x = source.Symbol, scatter = source.ScatterSpan!;
        string rule = layer.Model.Kind == LayerKind.MaxPool
            ? $"∂C/∂{x} += ∂C/∂a{l} at the position that won each window (the first one on a tie, as PyTorch): the others did not change a{l}"
            : $"∂C/∂{x} += ∂C/∂a{l} / {NumberText.Int(WindowSize(layer))} at every position of each window, which each count 1/{NumberText.Int(WindowSize(layer))} in the mean";
        w.Doc($"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), backward: ∂C/∂a{l} summed over its paths to the cost, then {CSharpText.Xml(rule)}.</summary>");
        using (w.Block($"private void {layer.BackwardMethod}{f.Suffix}({LayerEmitter.BackwardParameters(f, layer)})"))
        {
            string sensitivity = SensitivityEmitter.EmitLoop(w, f, layer, $"dC_da{l}");
            w.Line($"// {rule}.");
            using (WindowLoops(w, layer))
            {
                switch (layer.Model.Kind)
                {
                    case LayerKind.MaxPool:
                        w.Line($"int winner = {Input(layer, "0", "0")};");
                        w.Line($"{f.Type} largest = {x}[winner];");
                        using (KernelLoops(w, layer))
                        {
                            w.Line($"int at = {Input(layer, "i", "j")};");
                            w.Line($"if ({x}[at] > largest || {f.Type}.IsNaN({x}[at])) (largest, winner) = ({x}[at], at);");
                        }
                        w.Line($"{scatter}[winner] += {sensitivity}[{Output(layer)}];");
                        break;
                    case LayerKind.AvgPool or LayerKind.GlobalAvgPool:
                        w.Line($"{f.Type} share = {sensitivity}[{Output(layer)}] / {f.Plan.Literal(WindowSize(layer))};");
                        using (KernelLoops(w, layer))
                            w.Line($"{scatter}[{Input(layer, "i", "j")}] += share;");
                        break;
                }
            }
        }
        w.Line();
    }

    private static string Formula(LayerPlan layer, string x) => layer.Model.Kind switch
    {
        LayerKind.MaxPool => $"a{layer.Number}[c,y,x] = max over i, j < {layer.Model.KernelHeight} of {x}[c, {Position(layer, "y", "i")}, {Position(layer, "x", "j")}], the largest value of each window",
        LayerKind.AvgPool => $"a{layer.Number}[c,y,x] = Σ_{{i,j < {layer.Model.KernelHeight}}} {x}[c, {Position(layer, "y", "i")}, {Position(layer, "x", "j")}] / {WindowSize(layer)}, the mean of each window",
        _ => $"a{layer.Number}[c] = Σ_{{u,v}} {x}[c,u,v] / {WindowSize(layer)}, the mean of each {layer.InHeight}×{layer.InWidth} channel",
    };

    private static string Position(LayerPlan layer, string output, string offset) =>
        (layer.Model.Stride == 1 ? output : $"{output}·{layer.Model.Stride}") + "+" + offset;

    private static int WindowSize(LayerPlan layer) =>
        layer.Model.Kind == LayerKind.GlobalAvgPool ? layer.InHeight * layer.InWidth : layer.Model.KernelHeight * layer.Model.KernelWidth;

    /// <summary>The index of the source value at offset (i, j) of the window of output (c, y, x).</summary>
    private static string Input(LayerPlan layer, string i, string j)
    {
        if (layer.Model.Kind == LayerKind.GlobalAvgPool) return $"(c * {layer.InHeight} + {i}) * {layer.InWidth} + {j}";
        string row = (layer.Model.Stride == 1 ? "y" : $"y * {layer.Model.Stride}") + (i == "0" ? "" : " + " + i);
        string column = (layer.Model.Stride == 1 ? "x" : $"x * {layer.Model.Stride}") + (j == "0" ? "" : " + " + j);
        return $"(c * {layer.InHeight} + {row}) * {layer.InWidth} + {column}";
    }

    private static string Output(LayerPlan layer) =>
        layer.Model.Kind == LayerKind.GlobalAvgPool ? "c" : $"(c * {layer.Shape.Height} + y) * {layer.Shape.Width} + x";

    private static System.IDisposable WindowLoops(SourceWriter w, LayerPlan layer)
    {
        System.IDisposable channels = w.Block($"for (int c = 0; c < {layer.Shape.Channels}; c++)");
        if (layer.Model.Kind == LayerKind.GlobalAvgPool) return channels;
        System.IDisposable rows = w.Block($"for (int y = 0; y < {layer.Shape.Height}; y++)");
        System.IDisposable columns = w.Block($"for (int x = 0; x < {layer.Shape.Width}; x++)");
        return new NestedScope(channels, rows, columns);
    }

    private static System.IDisposable KernelLoops(SourceWriter w, LayerPlan layer)
    {
        (int height, int width) = layer.Model.Kind == LayerKind.GlobalAvgPool
            ? (layer.InHeight, layer.InWidth)
            : (layer.Model.KernelHeight, layer.Model.KernelWidth);
        return new NestedScope(w.Block($"for (int i = 0; i < {height}; i++)"), w.Block($"for (int j = 0; j < {width}; j++)"));
    }
}
