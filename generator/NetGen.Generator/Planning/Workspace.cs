using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>
/// The working memory of one pass (the z, a and sensitivities of every layer): on the stack while it is small, else one
/// array rented from the shared pool per call (no allocation once the pool holds it), so that every network the
/// generator accepts runs — a million-neuron layer's buffers would overflow any thread's stack.
/// </summary>
internal sealed class Workspace
{
    /// <summary>The most working memory a pass keeps on the stack.</summary>
    public const int StackBytes = 16 * 1024;

    private readonly List<WorkBuffer> _buffers = new();

    public Workspace(int elementBytes) => ElementBytes = elementBytes;

    public int ElementBytes { get; }
    public IReadOnlyList<WorkBuffer> Buffers => _buffers;
    /// <summary>The number of values in all.</summary>
    public long Length { get; private set; }
    public bool OnStack => Length * ElementBytes <= StackBytes;

    public void Add(string name, int length)
    {
        _buffers.Add(new WorkBuffer(name, length, Length));
        Length += length;
    }
}
