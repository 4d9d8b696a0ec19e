namespace NetGen.Generator.Planning;

/// <summary>An input or a layer: something a layer can read.</summary>
internal abstract class NodePlan
{
    /// <summary>A vector, or an image C×H×W stored channel by channel, row by row.</summary>
    public abstract NetGen.Generator.Model.Shape Shape { get; }

    /// <summary>The declared name (input, layer1, h1, ...), as the user wrote it: escape it for where it lands.</summary>
    public abstract string Name { get; }
    public abstract int Size { get; }
    /// <summary>The symbol of its activations in the generated code, never made from the user's text: a0, in2, a3
    /// (element k is a3_k).</summary>
    public abstract string Symbol { get; }
    /// <summary>How a comment names it: "the input", "input 2 ('x')", "layer 2". Contains the user's name: escape it.</summary>
    public abstract string Description { get; }
}
