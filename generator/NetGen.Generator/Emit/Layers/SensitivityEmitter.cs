using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// Writes ∂C/∂a{l}_k of a layer: the sum over every path from a{l}_k to the cost — the cost itself when the layer is an
/// output, Σ_j w_r[j,k]·∂C/∂z_r_j through each dense layer r that reads it, ∂C/∂a_r_k through each sum that reads it.
/// </summary>
internal static class SensitivityEmitter
{
    /// <summary>The readable form: one line per neuron k, one term per path; returns the expression each neuron's code uses.</summary>
    public static string[] EmitUnrolled(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        if (layer.GivenDz) return Enumerable.Range(0, layer.Size).Select(k => $"dC_dz{l}[{k}]").ToArray();
        if (layer.Readers.Count == 0)
        {
            if (layer.Output is not null) return Enumerable.Range(0, layer.Size).Select(k => $"dC_da{l}[{k}]").ToArray();
            w.Line($"// a{l} reaches no output (NG0020): it does not change the cost.");
            return Enumerable.Repeat(f.Zero, layer.Size).ToArray();
        }

        EmitReaderWeights(w, f, layer);
        var paths = new List<string>();
        if (layer.Output is not null) paths.Add("the cost of this output");
        foreach (ReaderPlan reader in layer.GatheredReaders)
        {
            LayerPlan r = reader.Layer;
            paths.Add(r.IsDense
                ? $"layer {r.Number} ({r.Size} {(r.Size == 1 ? "neuron" : "neurons")}): Σ_j w{r.Number}[j,{(reader.Column == 0 ? "k" : reader.Column + "+k")}]·∂C/∂z{r.Number}_j"
                : $"the sum {r.Number} ('{CSharpText.Comment(r.Name)}'): ∂C/∂a{r.Number}_k");
        }
        w.Line();
        if (layer.ScatterSpan is not null) paths.Add("the convolutions and pools that read it: the ∂C/∂a they scatter back");
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
            if (layer.Output is not null) terms.Add($"{layer.CostSpan}[{k}]");
            if (layer.ScatterSpan is string scatter) terms.Add($"{scatter}[{k}]");
            foreach (ReaderPlan reader in layer.GatheredReaders)
            {
                LayerPlan r = reader.Layer;
                if (!r.IsDense)
                {
                    terms.Add($"dC_dz{r.Number}[{k}]");
                    continue;
                }
                for (int j = 0; j < r.Size; j++)
                {
                    string weight = f.IsLanes ? f.Parameter(r.WeightOffset + (long)j * r.FanIn + reader.Column + k) : r.W(j, reader.Column + k);
                    terms.Add($"{weight} * dC_dz{r.Number}[{j}]");
                }
            }
            names[k] = $"dC_da{l}_{k}";
            w.Line($"{f.Type} {names[k]} = {string.Join(" + ", terms)};");
        }
        return names;
    }

    /// <summary>Declares the weights by which the dense layers reading <paramref name="layer"/> read it, as named locals
    /// (the lane form reads them where they are used, a broadcast each, so only the span is declared).</summary>
    private static void EmitReaderWeights(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        if (!layer.GatheredReaders.Any(r => r.Layer.IsDense)) return;
        w.Line($"{f.Plan.ReadOnlySpan} p = {GeneratedMembers.ParameterArray};");
        if (f.IsLanes) return;
        foreach (ReaderPlan reader in layer.GatheredReaders.Where(r => r.Layer.IsDense))
        {
            LayerPlan r = reader.Layer;
            w.Line($"// The weights w{r.Number}[j,k] by which layer {r.Number} reads a{layer.Number} (its inputs [{reader.Column}..{reader.Column + layer.Size})).");
            for (int j = 0; j < r.Size; j++)
                w.Line($"{f.Type} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(k => $"{r.W(j, reader.Column + k)} = p[{r.WeightOffset + j * r.FanIn + reader.Column + k}]")) + ";");
        }
    }

    /// <summary>
    /// The loop form: ∂C/∂a{l} summed path by path into a span — <paramref name="sum"/> for a sum layer, the working
    /// memory's dC_da{l} for a dense one — one loop over each reader's weight rows; returns the span that holds it (the
    /// cost's span itself when that is the only path).
    /// </summary>
    public static string EmitLoop(SourceWriter w, NumericForm f, LayerPlan layer, string sum)
    {
        NetworkPlan plan = f.Plan;
        int l = layer.Number, size = layer.Size;
        if (layer.GivenDz) return $"dC_dz{l}";
        if (layer.SinglePathSpan is string single) return single;
        if (layer.IsDense || layer.IsImageKind) sum = $"dC_da{l}";
        w.Line($"// ∂C/∂a{l}_k, summed over every path from a{l}_k to the cost: one loop per reading layer, one term per neuron.");
        if (layer.Output is not null) w.Line($"{layer.CostSpan}.Slice(0, {size}).CopyTo({sum});");
        else if (layer.ScatterSpan is string first) w.Line($"{first}.Slice(0, {size}).CopyTo({sum});   // through the convolutions and pools that read a{l}");
        else w.Line($"{sum}.Slice(0, {size}).Clear();");
        if (layer.Output is not null && layer.ScatterSpan is string scatter)
        {
            using (w.Block($"for (int k = 0; k < {size}; k++)"))
                w.Line($"{sum}[k] += {scatter}[k];   // through the convolutions and pools that read a{l}");
        }
        var declared = new HashSet<LayerPlan>();
        foreach (ReaderPlan reader in layer.GatheredReaders)
        {
            LayerPlan r = reader.Layer;
            if (!r.IsDense)
            {
                using (w.Block($"for (int k = 0; k < {size}; k++)"))
                    w.Line($"{sum}[k] += dC_dz{r.Number}[k];   // through the sum {r.Number} ('{CSharpText.Comment(r.Name)}')");
                continue;
            }
            w.Line($"// through layer {r.Number}: Σ_j w{r.Number}[j,{(reader.Column == 0 ? "k" : reader.Column + "+k")}]·∂C/∂z{r.Number}_j");
            if (declared.Add(r))
                w.Line($"{plan.ReadOnlySpan} w{r.Number} = new {plan.ReadOnlySpan}({GeneratedMembers.ParameterArray}, {r.WeightOffset}, {(long)r.Size * r.FanIn});");
            using (w.Block($"for (int j = 0; j < {r.Size}; j++)"))
            {
                string row = $"w{r.Number}.Slice(j * {r.FanIn}{(reader.Column == 0 ? "" : " + " + reader.Column)}, {size})";
                if (f.IsLanes)
                {
                    w.Line($"{plan.ReadOnlySpan} row = {row};");
                    w.Line($"{f.Type} dC_dz = dC_dz{r.Number}[j];");
                    using (w.Block($"for (int k = 0; k < {size}; k++)"))
                        w.Line($"{sum}[k] += new {f.Type}(row[k]) * dC_dz;");
                }
                else
                {
                    w.Line($"global::NetGen.Kernels.AddScaled({sum}.Slice(0, {size}), {row}, dC_dz{r.Number}[j]);");
                }
            }
        }
        return sum;
    }
}
