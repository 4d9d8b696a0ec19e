using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit;

/// <summary>Writes the sizes, the description (Spec), the parameter vector and its initialisation.</summary>
internal static class StateEmitter
{
    public static void Emit(SourceWriter w, NetworkPlan plan)
    {
        string T = plan.T;
        string inputs = plan.IsSingleInputOutput ? "the activations a0" : "the inputs " + string.Join(", ", plan.Inputs.Select(i => CSharpText.Xml(i.Name))) + " one after the other";
        string outputs = plan.IsSingleInputOutput ? "the activations a" + plan.Outputs[0].Layer.Number : "the outputs " + string.Join(", ", plan.Outputs.Select(o => CSharpText.Xml(o.Layer.Name))) + " one after the other";
        w.Doc($"<summary>The number of input values of one example: {inputs}.</summary>");
        w.Line($"public const int {GeneratedMembers.InputCount} = {plan.InputCount};");
        w.Line();
        w.Doc($"<summary>The number of output values of one example (and of target values): {outputs}.</summary>");
        w.Line($"public const int {GeneratedMembers.OutputCount} = {plan.OutputCount};");
        w.Line();
        w.Doc("<summary>The number of weights and biases.</summary>");
        w.Line($"public const int {GeneratedMembers.ParameterCount} = {plan.ParameterCount};");
        w.Line();
        w.Doc("<summary>The description of this network, from which <see cref=\"global::NetGen.ReferenceNetwork{T}\"/> builds the same network as an interpreter.</summary>");
        w.Line(Documentation.GeneratedCode);
        w.Line($"public static global::NetGen.NetworkSpec {GeneratedMembers.Spec} {{ get; }} = new global::NetGen.NetworkSpec(");
        w.Line("    new global::NetGen.InputSpec[] { " + string.Join(", ", plan.Inputs.Select(InputSpec)) + " },");
        w.Line("    new global::NetGen.LayerSpec[]");
        w.Line("    {");
        foreach (LayerPlan layer in plan.Layers)
            w.Line($"        {LayerSpec(layer)},");
        w.Line("    },");
        w.Line("    new global::NetGen.OutputSpec[] { " + string.Join(", ", plan.Outputs.Select(o =>
            $"new global::NetGen.OutputSpec({CSharpText.StringLiteral(o.Layer.Name)}, global::NetGen.Loss.{o.Loss.Kind}, {NumberText.Literal(o.Weight, isDouble: true)})")) + " },");
        w.Line($"    global::NetGen.Precision.{plan.Model.Precision});");
        w.Line();
        w.Line($"private readonly {T}[] {GeneratedMembers.ParameterArray} = {GeneratedMembers.NewParameters}();");
        w.Line();
        w.Line("// 1 while Step, TrainBatch or InitializeParameters runs: a second concurrent call throws instead of corrupting the parameters.");
        w.Line($"private int {GeneratedMembers.Exclusive};");
        w.Line();
        w.Doc("<summary>Every weight and bias in one flat vector, layer by layer: the weights row-major [outputs × inputs]\n(element j·inputs + k is w[j,k]), then the biases. Writable: load trained values by copying into it\n(not while another thread runs a member of this instance).</summary>");
        w.Line(Documentation.GeneratedCode);
        w.Line($"public global::System.Span<{T}> {GeneratedMembers.Parameters} => {GeneratedMembers.ParameterArray};");
        w.Line();
        w.Doc("<summary>Draws the weights again from <paramref name=\"seed\"/> (Glorot for Sigmoid, Tanh, Identity and Softmax layers,\nHe for the ReLU family) and sets the biases to zero. A new instance uses <see cref=\"global::NetGen.ParameterInitializer.DefaultSeed\"/>.</summary>");
        w.Doc("<param name=\"seed\">The seed; the same seed gives the same parameters on every machine.</param>");
        w.Doc("<exception cref=\"global::System.InvalidOperationException\">Another thread is changing this instance's parameters.</exception>");
        w.Line(Documentation.GeneratedCode);
        using (w.Block($"public void {GeneratedMembers.InitializeParameters}(int seed)"))
        {
            using (TrainingEmitter.Exclusive(w, GeneratedMembers.InitializeParameters))
                w.Line($"global::NetGen.ParameterInitializer.Initialize<{T}>({GeneratedMembers.Spec}, {GeneratedMembers.ParameterArray}, seed);");
        }
        w.Line();
        using (w.Block($"private static {T}[] {GeneratedMembers.NewParameters}()"))
        {
            w.Line($"{T}[] parameters = new {T}[{GeneratedMembers.ParameterCount}];");
            w.Line($"global::NetGen.ParameterInitializer.Initialize<{T}>({GeneratedMembers.Spec}, parameters, global::NetGen.ParameterInitializer.DefaultSeed);");
            w.Line("return parameters;");
        }
        w.Line();
    }

    private static string InputSpec(InputPlan input) =>
        input.Shape.IsImage
            ? $"new global::NetGen.InputSpec({CSharpText.StringLiteral(input.Name)}, {input.Shape.Channels}, {input.Shape.Height}, {input.Shape.Width})"
            : $"new global::NetGen.InputSpec({CSharpText.StringLiteral(input.Name)}, {input.Size})";

    /// <summary>A layer's description as the runtime's LayerSpec: the constructor for dense layers and sums, a factory for
    /// the image kinds (whose size the NetworkSpec derives from the shapes), LeakyReLU's slope where it is not 0.01.</summary>
    private static string LayerSpec(LayerPlan layer)
    {
        LayerModel m = layer.Model;
        string name = CSharpText.StringLiteral(layer.Name);
        string sources = "new string[] { " + string.Join(", ", m.Sources.Select(CSharpText.StringLiteral)) + " }";
        string activation = $"global::NetGen.Activation.{layer.Activation.Kind}";
        string spec = m.Kind switch
        {
            LayerKind.Conv => $"global::NetGen.LayerSpec.Conv({name}, {m.Filters}, {m.KernelHeight}, {m.KernelWidth}, {m.Stride}, {m.Padding}, {activation}, {sources})",
            LayerKind.MaxPool => $"global::NetGen.LayerSpec.MaxPool({name}, {m.KernelHeight}, {m.KernelWidth}, {m.Stride}, {sources})",
            LayerKind.AvgPool => $"global::NetGen.LayerSpec.AvgPool({name}, {m.KernelHeight}, {m.KernelWidth}, {m.Stride}, {sources})",
            LayerKind.GlobalAvgPool => $"global::NetGen.LayerSpec.GlobalAvgPool({name}, {sources})",
            _ => $"new global::NetGen.LayerSpec({name}, global::NetGen.LayerKind.{m.Kind}, {layer.Size}, {activation}, {sources})",
        };
        return m.Activation == ActivationKind.LeakyReLU && m.Slope != LayerModel.DefaultSlope
            ? $"{spec} with {{ Slope = {NumberText.Literal(m.Slope, isDouble: true)} }}"
            : spec;
    }
}
