using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

internal static partial class Emitter
{
    private static void EmitBackwardLayer(SourceWriter w, Flavor f, LayerPlan layer)
    {
        NetworkPlan plan = f.Plan;
        int l = layer.Number, p = layer.Previous;
        bool givenDz = layer == plan.Last && plan.CostGivesDz;
        bool hasPrevious = p > 0;
        string dIn = givenDz ? $"dC_dz{l}" : $"dC_da{l}";
        string signature = $"private void BackwardLayer{l}{f.Suffix}({f.ReadOnlySpan} a{p}, {f.ReadOnlySpan} z{l}, {f.ReadOnlySpan} a{l}, {f.ReadOnlySpan} {dIn}, {f.Span} gradient"
            + (hasPrevious ? $", {f.Span} dC_da{p})" : ")");
        if (f.IsLanes)
            w.Doc($"<summary>Layer {l} ({layer.Model.Name}), backward, for Vector&lt;{plan.T}&gt;.Count examples at once (one per SIMD lane): the same products as BackwardLayer{l}; the gradient stays split by lane.</summary>");
        else w.Doc($"<summary>Layer {l} ({layer.Model.Name}), backward: ∂C/∂z{l} from {(givenDz ? "the cost" : "∂C/∂a" + l)}, then ∂C/∂w{l} and ∂C/∂b{l} into the gradient"
            + (hasPrevious ? $", and ∂C/∂a{p} for layer {p}.</summary>" : ".</summary>"));
        using (w.Block(signature))
        {
            if (layer.Unrolled) EmitBackwardUnrolled(w, f, layer, givenDz, hasPrevious);
            else if (f.IsLanes) EmitBackwardLanesLoop(w, f, layer, givenDz, hasPrevious);
            else EmitBackwardLoop(w, plan, layer, givenDz, hasPrevious);
        }
        w.Line();
    }

    private static void EmitBackwardUnrolled(SourceWriter w, Flavor f, LayerPlan layer, bool givenDz, bool hasPrevious)
    {
        string T = f.Type;
        int l = layer.Number, p = layer.Previous;
        if (hasPrevious) EmitParameterLocals(w, f, layer, weights: true, biases: false);
        EmitInputLocals(w, f, layer);
        w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.A(j)} = a{l}[{j}]")) + ";");
        if (!givenDz && layer.Activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Softplus)
            w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.Z(j)} = z{l}[{j}]")) + ";");

        if (!givenDz && layer.Activation == ActivationKind.Softmax)
        {
            w.Line();
            w.Line($"// Softmax: ∂a{l}_i/∂z{l}_j = a{l}_i·(δ_ij − a{l}_j), so ∂C/∂z{l}_j = Σ_i ∂C/∂a{l}_i·a{l}_i·(δ_ij − a{l}_j) = a{l}_j·(∂C/∂a{l}_j − s)");
            w.Line($"// with s = Σ_i a{l}_i·∂C/∂a{l}_i.");
            w.Line($"{T} s = " + string.Join(" + ", Enumerable.Range(0, layer.Size).Select(i => $"{layer.A(i)} * dC_da{l}[{i}]")) + ";");
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
                w.Line($"{T} {dz} = {a} * (dC_da{l}[{j}] - s);");
            }
            else if (layer.Activation == ActivationKind.Identity)
            {
                w.Line($"// ∂C/∂{z} = ∂{a}/∂{z} · ∂C/∂{a}, with ∂{a}/∂{z} = 1 (identity)");
                w.Line($"{T} {dz} = dC_da{l}[{j}];");
            }
            else
            {
                (string expression, string formula) = f.Derivative(layer.Activation, z, a);
                w.Line($"// ∂{a}/∂{z} = {formula}");
                w.Line($"{T} da_dz{l}_{j} = {expression};");
                w.Line($"// ∂C/∂{z} = ∂{a}/∂{z} · ∂C/∂{a}");
                w.Line($"{T} {dz} = da_dz{l}_{j} * dC_da{l}[{j}];");
            }
            w.Line($"// ∂C/∂w{l}[{j},k] = ∂{z}/∂w{l}[{j},k] · ∂C/∂{z} = a{p}_k · ∂C/∂{z}");
            for (int k = 0; k < layer.FanIn; k++)
                w.Line($"gradient[{layer.WeightOffset + j * layer.FanIn + k}] += {layer.X(k)} * {dz};   // ∂C/∂w{l}[{j},{k}]");
            w.Line($"// ∂C/∂b{l}[{j}] = ∂{z}/∂b{l}[{j}] · ∂C/∂{z} = 1 · ∂C/∂{z}");
            w.Line($"gradient[{layer.BiasOffset + j}] += {dz};");
        }

        if (hasPrevious)
        {
            w.Line();
            w.Line($"// ∂C/∂a{p}_k = Σ_j ∂z{l}_j/∂a{p}_k · ∂C/∂z{l}_j = Σ_j w{l}[j,k] · ∂C/∂z{l}_j:");
            w.Line($"// a{p}_k reaches the cost through every neuron of layer {l} ({layer.Size} {(layer.Size == 1 ? "path" : "paths")}), one term per path.");
            for (int k = 0; k < layer.FanIn; k++)
            {
                string sum = string.Join(" + ", Enumerable.Range(0, layer.Size).Select(j => $"{WeightRef(f, layer, j, k)} * dC_dz{l}_{j}"));
                w.Line($"dC_da{p}[{k}] = {sum};");
            }
        }
    }

    private static void EmitBackwardLoop(SourceWriter w, NetworkPlan plan, LayerPlan layer, bool givenDz, bool hasPrevious)
    {
        string T = plan.T;
        int l = layer.Number, p = layer.Previous;
        int size = layer.Size, fanIn = layer.FanIn;
        w.Line($"{plan.ReadOnlySpan} w{l} = new {plan.ReadOnlySpan}(_parameters, {layer.WeightOffset}, {size * fanIn});");
        w.Line($"{plan.Span} dC_dw{l} = gradient.Slice({layer.WeightOffset}, {size * fanIn});");
        w.Line($"{plan.Span} dC_db{l} = gradient.Slice({layer.BiasOffset}, {size});");
        w.Line($"{plan.ReadOnlySpan} x = a{p}.Slice(0, {fanIn});");
        if (hasPrevious) w.Line($"{plan.Span} dC_dx = dC_da{p}.Slice(0, {fanIn});");
        if (!givenDz && layer.Activation == ActivationKind.Softmax)
        {
            w.Line($"// Softmax: ∂C/∂z{l}_j = a{l}_j·(∂C/∂a{l}_j − s) with s = Σ_i a{l}_i·∂C/∂a{l}_i.");
            w.Line($"{T} s = global::NetGen.Kernels.Dot(a{l}.Slice(0, {size}), dC_da{l}.Slice(0, {size}));");
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
                w.Line($"{T} dC_dz = a{l}[j] * (dC_da{l}[j] - s);");
            }
            else if (layer.Activation == ActivationKind.Identity)
            {
                w.Line($"// ∂C/∂z{l}_j = ∂a{l}_j/∂z{l}_j · ∂C/∂a{l}_j, with ∂a/∂z = 1 (identity)");
                w.Line($"{T} dC_dz = dC_da{l}[j];");
            }
            else
            {
                (string expression, string formula) = Flavor.Scalar(plan).Derivative(layer.Activation, $"z{l}[j]", $"a{l}[j]");
                w.Line($"// ∂C/∂z{l}_j = ∂a{l}_j/∂z{l}_j · ∂C/∂a{l}_j, with ∂a{l}_j/∂z{l}_j = {formula}");
                w.Line($"{T} dC_dz = ({expression}) * dC_da{l}[j];");
            }
            w.Line($"// ∂C/∂w{l}[j,k] = ∂z{l}_j/∂w{l}[j,k] · ∂C/∂z{l}_j = a{p}_k · ∂C/∂z{l}_j, for the {fanIn} k at once");
            w.Line($"global::NetGen.Kernels.AddScaled(dC_dw{l}.Slice(j * {fanIn}, {fanIn}), x, dC_dz);");
            w.Line($"// ∂C/∂b{l}[j] = ∂z{l}_j/∂b{l}[j] · ∂C/∂z{l}_j = 1 · ∂C/∂z{l}_j");
            w.Line($"dC_db{l}[j] += dC_dz;");
            if (hasPrevious)
            {
                w.Line($"// ∂C/∂a{p}_k = Σ_j w{l}[j,k] · ∂C/∂z{l}_j: add neuron j's term (its path) to the sum, for the {fanIn} k at once");
                w.Line($"global::NetGen.Kernels.AddScaled(dC_dx, w{l}.Slice(j * {fanIn}, {fanIn}), dC_dz);");
            }
        }
    }

    /// <summary>The lane form of a wide layer's backward pass: the loops of <see cref="EmitBackwardLoop"/> with one example per lane.</summary>
    private static void EmitBackwardLanesLoop(SourceWriter w, Flavor f, LayerPlan layer, bool givenDz, bool hasPrevious)
    {
        string V = f.Type;
        int l = layer.Number, p = layer.Previous, size = layer.Size, fanIn = layer.FanIn;
        w.Line($"{f.Plan.ReadOnlySpan} w = new {f.Plan.ReadOnlySpan}(_parameters, {layer.WeightOffset}, {size * fanIn});");
        w.Line($"{f.ReadOnlySpan} x = a{p}.Slice(0, {fanIn});");
        if (hasPrevious) w.Line($"{f.Span} dC_dx = dC_da{p}.Slice(0, {fanIn});");
        if (!givenDz && layer.Activation == ActivationKind.Softmax)
        {
            w.Line($"{V} s = {V}.Zero;");
            using (w.Block($"for (int i = 0; i < {size}; i++)"))
                w.Line($"s += a{l}[i] * dC_da{l}[i];");
        }
        using (w.Block($"for (int j = 0; j < {size}; j++)"))
        {
            if (givenDz) w.Line($"{V} dC_dz = dC_dz{l}[j];");
            else if (layer.Activation == ActivationKind.Softmax) w.Line($"{V} dC_dz = a{l}[j] * (dC_da{l}[j] - s);");
            else if (layer.Activation == ActivationKind.Identity) w.Line($"{V} dC_dz = dC_da{l}[j];");
            else
            {
                (string expression, _) = f.Derivative(layer.Activation, $"z{l}[j]", $"a{l}[j]");
                w.Line($"{V} dC_dz = ({expression}) * dC_da{l}[j];");
            }
            w.Line($"{f.Plan.ReadOnlySpan} row = w.Slice(j * {fanIn}, {fanIn});");
            w.Line($"{f.Span} dC_dw = gradient.Slice({layer.WeightOffset} + j * {fanIn}, {fanIn});");
            using (w.Block($"for (int k = 0; k < {fanIn}; k++)"))
            {
                w.Line("dC_dw[k] += x[k] * dC_dz;");
                if (hasPrevious) w.Line($"dC_dx[k] += new {V}(row[k]) * dC_dz;");
            }
            w.Line($"gradient[{layer.BiasOffset} + j] += dC_dz;");
        }
    }
}
