using System.Linq;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit.Layers;

/// <summary>
/// A dense layer's backward method, one chain-rule product per line: ∂C/∂a{l} summed over its paths, ∂C/∂z{l} =
/// ∂a{l}/∂z{l} · ∂C/∂a{l}, ∂C/∂w{l}[j,k] = ∂z{l}_j/∂w{l}[j,k] · ∂C/∂z{l}_j = x_k · ∂C/∂z{l}_j and ∂C/∂b{l}[j] = 1 · ∂C/∂z{l}_j,
/// and ∂C/∂z{l} kept for the layers it reads.
/// </summary>
internal static class DenseBackwardEmitter
{
    public static void Emit(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        int l = layer.Number;
        string hands = string.Join(", ", layer.Sources.Where(s => s.Node is LayerPlan).Select(s => s.Node.Symbol));
        w.Doc(f.IsLanes
            ? $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), backward, for Vector&lt;{f.Plan.T}&gt;.Count examples at once (one per SIMD lane): the same products as {layer.BackwardMethod}; the gradient stays split by lane.</summary>"
            : $"<summary>Layer {l} ({CSharpText.Xml(layer.Name)}), backward: ∂C/∂a{l} summed over its paths to the cost, ∂C/∂z{l}, then ∂C/∂w{l} and ∂C/∂b{l} into the gradient"
                + (layer.WritesDz ? $"; ∂C/∂z{l} is kept for the backward pass of {hands}.</summary>" : ".</summary>"));
        using (w.Block($"private void {layer.BackwardMethod}{f.Suffix}({LayerEmitter.BackwardParameters(f, layer)})"))
        {
            if (layer.BackwardUnrolled) EmitUnrolled(w, f, layer);
            else EmitLoop(w, f, layer);
        }
        w.Line();
    }

    private static void EmitUnrolled(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        string T = f.Type;
        int l = layer.Number;
        DenseForwardEmitter.EmitInputLocals(w, f, layer);
        w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.A(j)} = a{l}[{j}]")) + ";");
        if (!layer.GivenDz && layer.Activation.DerivativeReadsZ)
            w.Line($"{T} " + string.Join(", ", Enumerable.Range(0, layer.Size).Select(j => $"{layer.Z(j)} = z{l}[{j}]")) + ";");

        // ∂C/∂a of each neuron: straight from the cost when that is its only path, else the sum over its paths.
        string[] sensitivity = SensitivityEmitter.EmitUnrolled(w, f, layer);

        bool softmax = !layer.Activation.IsElementWise;
        if (!layer.GivenDz && softmax) SoftmaxEmitter.EmitJacobianSumUnrolled(w, f, layer, sensitivity);

        for (int j = 0; j < layer.Size; j++)
        {
            string z = layer.Z(j), a = layer.A(j), dz = $"dC_dz{l}_{j}";
            w.Line();
            w.Line($"// Neuron {l}_{j}: {a} = {(softmax ? $"softmax(z{l})_{j}" : layer.Activation.Describe(z))}.");
            if (layer.GivenDz)
            {
                w.Line($"// ∂C/∂{z} = {a}·S − y_{j}, computed with the cost (softmax with cross-entropy).");
                w.Line($"{T} {dz} = dC_dz{l}[{j}];");
            }
            else if (softmax)
            {
                w.Line($"// ∂C/∂{z} = {a}·(∂C/∂{a} − s)");
                w.Line($"{T} {dz} = {a} * ({sensitivity[j]} - s);");
            }
            else if (layer.Activation.HasUnitDerivative)
            {
                w.Line($"// ∂C/∂{z} = ∂{a}/∂{z} · ∂C/∂{a}, with ∂{a}/∂{z} = 1 (identity)");
                w.Line($"{T} {dz} = {sensitivity[j]};");
            }
            else
            {
                w.Line($"// ∂{a}/∂{z} = {layer.Activation.DerivativeFormula(z, a)}");
                w.Line($"{T} da_dz{l}_{j} = {layer.Activation.Derivative(f, z, a)};");
                w.Line($"// ∂C/∂{z} = ∂{a}/∂{z} · ∂C/∂{a}");
                w.Line($"{T} {dz} = da_dz{l}_{j} * {sensitivity[j]};");
            }
            if (layer.WritesDz) w.Line($"dC_dz{l}[{j}] = {dz};");
            w.Line($"// ∂C/∂w{l}[{j},k] = ∂{z}/∂w{l}[{j},k] · ∂C/∂{z} = {layer.XName}_k · ∂C/∂{z}");
            for (int k = 0; k < layer.FanIn; k++)
                w.Line($"gradient[{layer.WeightOffset + j * layer.FanIn + k}] += {layer.X(k)} * {dz};   // ∂C/∂w{l}[{j},{k}]");
            w.Line($"// ∂C/∂b{l}[{j}] = ∂{z}/∂b{l}[{j}] · ∂C/∂{z} = 1 · ∂C/∂{z}");
            w.Line($"gradient[{layer.BiasOffset + j}] += {dz};");
        }
    }

    /// <summary>
    /// The backward pass of a layer too wide to write out (or read by one): the sensitivity as loops over the readers'
    /// weight rows, then one pass per neuron that adds a row of ∂C/∂w with a SIMD kernel.
    /// </summary>
    private static void EmitLoop(SourceWriter w, NumericForm f, LayerPlan layer)
    {
        string T = f.Type;
        int l = layer.Number, size = layer.Size, fanIn = layer.FanIn;
        bool lanes = f.IsLanes;
        string sensitivity = SensitivityEmitter.EmitLoop(w, f, layer, $"dC_da{l}");

        w.Line($"{f.Span} dC_dw{l} = gradient.Slice({layer.WeightOffset}, {(long)size * fanIn});");
        bool softmax = !layer.Activation.IsElementWise;
        if (!layer.GivenDz && softmax) SoftmaxEmitter.EmitJacobianSumLoop(w, f, layer, sensitivity);
        using (w.Block($"for (int j = 0; j < {size}; j++)"))
        {
            if (layer.GivenDz)
            {
                w.Line($"// ∂C/∂z{l}_j = a{l}_j·S − y_j, computed with the cost (softmax with cross-entropy).");
                w.Line($"{T} dC_dz = dC_dz{l}[j];");
            }
            else if (softmax)
            {
                w.Line($"{T} dC_dz = a{l}[j] * ({sensitivity}[j] - s);");
            }
            else if (layer.Activation.HasUnitDerivative)
            {
                w.Line($"// ∂C/∂z{l}_j = ∂a{l}_j/∂z{l}_j · ∂C/∂a{l}_j, with ∂a/∂z = 1 (identity)");
                w.Line($"{T} dC_dz = {sensitivity}[j];");
            }
            else
            {
                w.Line($"// ∂C/∂z{l}_j = ∂a{l}_j/∂z{l}_j · ∂C/∂a{l}_j, with ∂a{l}_j/∂z{l}_j = {layer.Activation.DerivativeFormula($"z{l}_j", $"a{l}_j")}");
                w.Line($"{T} dC_dz = ({layer.Activation.Derivative(f, $"z{l}[j]", $"a{l}[j]")}) * {sensitivity}[j];");
            }
            if (layer.WritesDz) w.Line($"dC_dz{l}[j] = dC_dz;");
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
