using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>True when a layer has a backward method: a dense layer (its parameters learn), or a sum that hands its
    /// sensitivity on to a layer.</summary>
    private static bool HasBackward(LayerPlan layer) => layer.IsDense || layer.PassesSensitivity;

    /// <summary>The distinct layers that read <paramref name="layer"/> (a layer may read it twice, at two columns).</summary>
    private static IEnumerable<LayerPlan> ReaderLayers(LayerPlan layer) => layer.Readers.Select(r => r.Layer).Distinct();

    /// <summary>The name of the span that carries the cost's part of ∂C/∂a (or ∂C/∂z for cross-entropy) of an output layer.</summary>
    private static string CostSpan(LayerPlan layer) =>
        layer.Output!.GivesDz ? $"dC_dz{layer.Number}" : layer.Readers.Count == 0 ? $"dC_da{layer.Number}" : $"dC_da{layer.Number}_cost";

    /// <summary>True when the layer's backward method writes its ∂C/∂z into a span for the backward methods of its sources.</summary>
    private static bool WritesDz(LayerPlan layer) => layer.PassesSensitivity && !(layer.Output?.GivesDz ?? false);

    private static string BackwardParameters(Flavor f, LayerPlan layer)
    {
        var parameters = new List<string>();
        int l = layer.Number;
        if (layer.IsDense)
        {
            parameters.AddRange(SourceNodes(layer).Select(node => $"{f.ReadOnlySpan} {node.Symbol}"));
            parameters.Add($"{f.ReadOnlySpan} z{l}");
            parameters.Add($"{f.ReadOnlySpan} a{l}");
        }
        if (layer.Output is not null) parameters.Add($"{f.ReadOnlySpan} {CostSpan(layer)}");
        parameters.AddRange(ReaderLayers(layer).Select(r => $"{f.ReadOnlySpan} dC_dz{r.Number}"));
        if (layer.IsDense) parameters.Add($"{f.Span} gradient");
        if (WritesDz(layer)) parameters.Add($"{f.Span} dC_dz{l}");
        return string.Join(", ", parameters);
    }

    private static string BackwardCall(Flavor f, LayerPlan layer)
    {
        var arguments = new List<string>();
        int l = layer.Number;
        if (layer.IsDense)
        {
            arguments.AddRange(SourceNodes(layer).Select(node => node.Symbol));
            arguments.Add($"z{l}");
            arguments.Add($"a{l}");
        }
        if (layer.Output is not null) arguments.Add(CostSpan(layer));
        arguments.AddRange(ReaderLayers(layer).Select(r => $"dC_dz{r.Number}"));
        if (layer.IsDense) arguments.Add("gradient");
        if (WritesDz(layer)) arguments.Add($"dC_dz{l}");
        return $"BackwardLayer{l}{f.Suffix}({string.Join(", ", arguments)});";
    }

    private static void EmitBackwardLayer(SourceWriter w, Flavor f, LayerPlan layer)
    {
        if (!HasBackward(layer)) return;
        NetworkPlan plan = f.Plan;
        int l = layer.Number;
        string hands = string.Join(", ", layer.Sources.Where(s => s.Node is LayerPlan).Select(s => s.Node.Symbol));
        if (f.IsLanes)
            w.Doc($"<summary>Layer {l} ({layer.Name}), backward, for Vector&lt;{plan.T}&gt;.Count examples at once (one per SIMD lane): the same products as BackwardLayer{l}; the gradient stays split by lane.</summary>");
        else if (!layer.IsDense)
            w.Doc($"<summary>Layer {l} ({layer.Name}), backward: ∂C/∂a{l} summed over its paths to the cost, handed on unchanged to {hands} (∂a{l}/∂{layer.Sources[0].Node.Symbol} = 1).</summary>");
        else
            w.Doc($"<summary>Layer {l} ({layer.Name}), backward: ∂C/∂a{l} summed over its paths to the cost, ∂C/∂z{l}, then ∂C/∂w{l} and ∂C/∂b{l} into the gradient"
                + (WritesDz(layer) ? $"; ∂C/∂z{l} is kept for the backward pass of {hands}.</summary>" : ".</summary>"));
        using (w.Block($"private void BackwardLayer{l}{f.Suffix}({BackwardParameters(f, layer)})"))
        {
            bool unrolled = layer.Unrolled && layer.Readers.All(r => r.Layer.Unrolled);
            if (unrolled) EmitBackwardUnrolled(w, f, layer);
            else EmitBackwardLoop(w, f, layer);
        }
        w.Line();
    }

    private static void EmitBackwardUnrolled(SourceWriter w, Flavor f, LayerPlan layer)
    {
        string T = f.Type;
        int l = layer.Number;
        bool givenDz = layer.Output?.GivesDz ?? false;
        LayerPlan[] denseReaders = ReaderLayers(layer).Where(r => r.IsDense).ToArray();

        if (denseReaders.Length > 0)
        {
            w.Line($"{f.Plan.ReadOnlySpan} p = _parameters;");
            if (!f.IsLanes)
            {
                foreach (ReaderPlan reader in layer.Readers.Where(r => r.Layer.IsDense))
                {
                    LayerPlan r = reader.Layer;
                    w.Line($"// The weights w{r.Number}[j,k] by which layer {r.Number} reads a{l} (its inputs {reader.Column}..{reader.Column + layer.Size - 1}).");
                    for (int j = 0; j < r.Size; j++)
                        w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(k => $"{r.W(j, reader.Column + k)} = p[{r.WeightOffset + j * r.FanIn + reader.Column + k}]")) + ";");
                }
            }
        }
        if (layer.IsDense)
        {
            EmitInputLocals(w, f, layer);
            w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.A(j)} = a{l}[{j}]")) + ";");
            if (!givenDz && layer.Activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Softplus)
                w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.Z(j)} = z{l}[{j}]")) + ";");
        }

        // ∂C/∂a of each neuron: straight from the cost when that is its only path, else the sum over its paths.
        string[] sensitivity = EmitSensitivity(w, f, layer);

        if (!layer.IsDense)
        {
            w.Line();
            w.Line($"// a{l} = {string.Join(" + ", layer.Sources.Select(s => s.Node.Symbol))}, so ∂a{l}_k/∂(each source)_k = 1: the sources receive ∂C/∂a{l} unchanged.");
            for (int k = 0; k < layer.Size; k++) w.Line($"dC_dz{l}[{k}] = {sensitivity[k]};");
            return;
        }

        if (!givenDz && layer.Activation == ActivationKind.Softmax)
        {
            w.Line();
            w.Line($"// Softmax: ∂a{l}_i/∂z{l}_j = a{l}_i·(δ_ij − a{l}_j), so ∂C/∂z{l}_j = Σ_i ∂C/∂a{l}_i·a{l}_i·(δ_ij − a{l}_j) = a{l}_j·(∂C/∂a{l}_j − s)");
            w.Line($"// with s = Σ_i a{l}_i·∂C/∂a{l}_i.");
            w.Line($"{T} s = " + string.Join(" + ", Enumerable.Range(0, layer.Size).Select(i => $"{layer.A(i)} * {sensitivity[i]}")) + ";");
        }

        for (int j = 0; j < layer.Size; j++)
        {
            string z = layer.Z(j), a = layer.A(j), dz = $"dC_dz{l}_{j}";
            w.Line();
            w.Line($"// Neuron {l}_{j}: {a} = {ActivationFormula(layer.Activation, z)}.");
            if (givenDz)
            {
                w.Line($"// ∂C/∂{z} = {a} − y_{j}, computed with the cost (softmax with cross-entropy).");
                w.Line($"{T} {dz} = dC_dz{l}[{j}];");
            }
            else if (layer.Activation == ActivationKind.Softmax)
            {
                w.Line($"// ∂C/∂{z} = {a}·(∂C/∂{a} − s)");
                w.Line($"{T} {dz} = {a} * ({sensitivity[j]} - s);");
            }
            else if (layer.Activation == ActivationKind.Identity)
            {
                w.Line($"// ∂C/∂{z} = ∂{a}/∂{z} · ∂C/∂{a}, with ∂{a}/∂{z} = 1 (identity)");
                w.Line($"{T} {dz} = {sensitivity[j]};");
            }
            else
            {
                (string expression, string formula) = f.Derivative(layer.Activation, z, a);
                w.Line($"// ∂{a}/∂{z} = {formula}");
                w.Line($"{T} da_dz{l}_{j} = {expression};");
                w.Line($"// ∂C/∂{z} = ∂{a}/∂{z} · ∂C/∂{a}");
                w.Line($"{T} {dz} = da_dz{l}_{j} * {sensitivity[j]};");
            }
            if (WritesDz(layer)) w.Line($"dC_dz{l}[{j}] = {dz};");
            w.Line($"// ∂C/∂w{l}[{j},k] = ∂{z}/∂w{l}[{j},k] · ∂C/∂{z} = {layer.XName}_k · ∂C/∂{z}");
            for (int k = 0; k < layer.FanIn; k++)
                w.Line($"gradient[{layer.WeightOffset + j * layer.FanIn + k}] += {layer.X(k)} * {dz};   // ∂C/∂w{l}[{j},{k}]");
            w.Line($"// ∂C/∂b{l}[{j}] = ∂{z}/∂b{l}[{j}] · ∂C/∂{z} = 1 · ∂C/∂{z}");
            w.Line($"gradient[{layer.BiasOffset + j}] += {dz};");
        }
    }

    /// <summary>
    /// Writes ∂C/∂a{l}_k for every neuron k as the explicit sum of one term per path from it to the cost — the cost itself
    /// when it is an output, Σ_j w_r[j,k]·∂C/∂z_r_j through each dense layer r that reads it, ∂C/∂a_r_k through each sum —
    /// and returns the expression each neuron's code uses for it.
    /// </summary>
    private static string[] EmitSensitivity(SourceWriter w, Flavor f, LayerPlan layer)
    {
        int l = layer.Number;
        bool givenDz = layer.Output?.GivesDz ?? false;
        if (givenDz) return Enumerable.Range(0, layer.Size).Select(k => $"dC_dz{l}[{k}]").ToArray();
        if (layer.Readers.Count == 0)
        {
            if (layer.Output is not null) return Enumerable.Range(0, layer.Size).Select(k => $"dC_da{l}[{k}]").ToArray();
            w.Line($"// a{l} reaches no output (NG0020): it does not change the cost.");
            return Enumerable.Repeat(f.IsLanes ? f.Type + ".Zero" : f.Plan.Lit(0), layer.Size).ToArray();
        }

        var paths = new List<string>();
        if (layer.Output is not null) paths.Add("the cost of this output");
        foreach (ReaderPlan reader in layer.Readers)
        {
            LayerPlan r = reader.Layer;
            paths.Add(r.IsDense
                ? $"layer {r.Number} ({r.Size} {(r.Size == 1 ? "neuron" : "neurons")}): Σ_j w{r.Number}[j,{(reader.Column == 0 ? "k" : reader.Column + "+k")}]·∂C/∂z{r.Number}_j"
                : $"the sum {r.Number} ('{r.Name}'): ∂C/∂a{r.Number}_k");
        }
        w.Line();
        if (paths.Count == 1 && layer.Readers.Count == 1 && layer.Readers[0].Layer.IsDense)
        {
            LayerPlan r = layer.Readers[0].Layer;
            w.Line($"// ∂C/∂a{l}_k = Σ_j ∂z{r.Number}_j/∂a{l}_k · ∂C/∂z{r.Number}_j = Σ_j w{r.Number}[j,k] · ∂C/∂z{r.Number}_j:");
            w.Line($"// a{l}_k reaches the cost through every neuron of layer {r.Number} ({r.Size} {(r.Size == 1 ? "path" : "paths")}), one term per path.");
        }
        else
        {
            w.Line($"// ∂C/∂a{l}_k, summed over every path from a{l}_k to the cost ({paths.Count} branches), one term per path:");
            foreach (string path in paths) w.Line("//   through " + path);
        }
        var names = new string[layer.Size];
        for (int k = 0; k < layer.Size; k++)
        {
            var terms = new List<string>();
            if (layer.Output is not null) terms.Add($"{CostSpan(layer)}[{k}]");
            foreach (ReaderPlan reader in layer.Readers)
            {
                LayerPlan r = reader.Layer;
                if (!r.IsDense)
                {
                    terms.Add($"dC_dz{r.Number}[{k}]");
                    continue;
                }
                for (int j = 0; j < r.Size; j++)
                {
                    string weight = f.IsLanes ? f.Parameter(r.WeightOffset + j * r.FanIn + reader.Column + k) : r.W(j, reader.Column + k);
                    terms.Add($"{weight} * dC_dz{r.Number}[{j}]");
                }
            }
            names[k] = $"dC_da{l}_{k}";
            w.Line($"{f.Type} {names[k]} = {string.Join(" + ", terms)};");
        }
        return names;
    }

    /// <summary>
    /// The backward pass of a layer too wide to write out (or read by one): the sensitivity as loops over the readers'
    /// weight rows, then one pass per neuron that adds a row of ∂C/∂w with a SIMD kernel.
    /// </summary>
    private static void EmitBackwardLoop(SourceWriter w, Flavor f, LayerPlan layer)
    {
        NetworkPlan plan = f.Plan;
        string T = f.Type;
        int l = layer.Number, size = layer.Size, fanIn = layer.FanIn;
        bool givenDz = layer.Output?.GivesDz ?? false;
        bool lanes = f.IsLanes;

        // ∂C/∂a of each neuron, summed over the paths to the cost.
        string sensitivity;
        if (givenDz) sensitivity = $"dC_dz{l}";
        else if (layer.Readers.Count == 0 && layer.Output is not null) sensitivity = $"dC_da{l}";
        else
        {
            sensitivity = layer.IsDense ? "dC_da" : $"dC_dz{l}";
            if (layer.IsDense) w.Line($"{f.Span} dC_da = stackalloc {T}[{size}];");
            w.Line($"// ∂C/∂a{l}_k, summed over every path from a{l}_k to the cost: one loop per reading layer, one term per neuron.");
            if (layer.Output is not null) w.Line($"{CostSpan(layer)}.Slice(0, {size}).CopyTo({sensitivity});");
            foreach (ReaderPlan reader in layer.Readers)
            {
                LayerPlan r = reader.Layer;
                if (!r.IsDense)
                {
                    using (w.Block($"for (int k = 0; k < {size}; k++)"))
                        w.Line($"{sensitivity}[k] += dC_dz{r.Number}[k];   // through the sum {r.Number} ('{r.Name}')");
                    continue;
                }
                w.Line($"// through layer {r.Number}: Σ_j w{r.Number}[j,{(reader.Column == 0 ? "k" : reader.Column + "+k")}]·∂C/∂z{r.Number}_j");
                w.Line($"{plan.ReadOnlySpan} w{r.Number} = new {plan.ReadOnlySpan}(_parameters, {r.WeightOffset}, {r.Size * r.FanIn});");
                using (w.Block($"for (int j = 0; j < {r.Size}; j++)"))
                {
                    string row = $"w{r.Number}.Slice(j * {r.FanIn}{(reader.Column == 0 ? "" : " + " + reader.Column)}, {size})";
                    if (lanes)
                    {
                        w.Line($"{plan.ReadOnlySpan} row = {row};");
                        w.Line($"{T} dC_dz = dC_dz{r.Number}[j];");
                        using (w.Block($"for (int k = 0; k < {size}; k++)"))
                            w.Line($"{sensitivity}[k] += new {T}(row[k]) * dC_dz;");
                    }
                    else
                    {
                        w.Line($"global::NetGen.Kernels.AddScaled({sensitivity}.Slice(0, {size}), {row}, dC_dz{r.Number}[j]);");
                    }
                }
            }
        }
        if (!layer.IsDense) return;

        w.Line($"{f.Span} dC_dw{l} = gradient.Slice({layer.WeightOffset}, {size * fanIn});");
        if (!givenDz && layer.Activation == ActivationKind.Softmax)
        {
            w.Line($"// Softmax: ∂C/∂z{l}_j = a{l}_j·(∂C/∂a{l}_j − s) with s = Σ_i a{l}_i·∂C/∂a{l}_i.");
            if (lanes)
            {
                w.Line($"{T} s = {T}.Zero;");
                using (w.Block($"for (int i = 0; i < {size}; i++)"))
                    w.Line($"s += a{l}[i] * {sensitivity}[i];");
            }
            else
            {
                w.Line($"{T} s = global::NetGen.Kernels.Dot(a{l}.Slice(0, {size}), {sensitivity}.Slice(0, {size}));");
            }
        }
        using (w.Block($"for (int j = 0; j < {size}; j++)"))
        {
            if (givenDz)
            {
                w.Line($"// ∂C/∂z{l}_j = a{l}_j − y_j, computed with the cost (softmax with cross-entropy).");
                w.Line($"{T} dC_dz = dC_dz{l}[j];");
            }
            else if (layer.Activation == ActivationKind.Softmax)
            {
                w.Line($"{T} dC_dz = a{l}[j] * ({sensitivity}[j] - s);");
            }
            else if (layer.Activation == ActivationKind.Identity)
            {
                w.Line($"// ∂C/∂z{l}_j = ∂a{l}_j/∂z{l}_j · ∂C/∂a{l}_j, with ∂a/∂z = 1 (identity)");
                w.Line($"{T} dC_dz = {sensitivity}[j];");
            }
            else
            {
                (string expression, string formula) = f.Derivative(layer.Activation, $"z{l}[j]", $"a{l}[j]");
                w.Line($"// ∂C/∂z{l}_j = ∂a{l}_j/∂z{l}_j · ∂C/∂a{l}_j, with ∂a{l}_j/∂z{l}_j = {formula}");
                w.Line($"{T} dC_dz = ({expression}) * {sensitivity}[j];");
            }
            if (WritesDz(layer)) w.Line($"dC_dz{l}[j] = dC_dz;");
            w.Line($"// ∂C/∂w{l}[j,k] = ∂z{l}_j/∂w{l}[j,k] · ∂C/∂z{l}_j = {layer.XName}_k · ∂C/∂z{l}_j, for the {fanIn} k at once");
            foreach (SourcePlan source in layer.Sources)
            {
                string row = $"dC_dw{l}.Slice(j * {fanIn}{(source.Column == 0 ? "" : " + " + source.Column)}, {source.Node.Size})";
                if (lanes)
                {
                    using (w.Block($"for (int k = 0; k < {source.Node.Size}; k++)"))
                        w.Line($"dC_dw{l}[j * {fanIn} + {(source.Column == 0 ? "" : source.Column + " + ")}k] += {source.Node.Symbol}[k] * dC_dz;");
                }
                else
                {
                    w.Line($"global::NetGen.Kernels.AddScaled({row}, {source.Node.Symbol}.Slice(0, {source.Node.Size}), dC_dz);");
                }
            }
            w.Line($"// ∂C/∂b{l}[j] = ∂z{l}_j/∂b{l}[j] · ∂C/∂z{l}_j = 1 · ∂C/∂z{l}_j");
            w.Line($"gradient[{layer.BiasOffset} + j] += dC_dz;");
        }
    }
}
