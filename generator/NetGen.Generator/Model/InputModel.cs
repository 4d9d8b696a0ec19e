namespace NetGen.Generator.Model;

/// <summary>A named input of the network: <see cref="Size"/> values, the activations a(0).</summary>
internal sealed record InputModel(string Name, int Size);
