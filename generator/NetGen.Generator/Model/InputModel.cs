namespace NetGen.Generator.Model;

/// <summary>A named input of the network: a vector or an image (<see cref="Shape"/>), the activations a(0).</summary>
internal sealed record InputModel(string Name, Shape Shape)
{
    public int Size => (int)Shape.Size;
}
