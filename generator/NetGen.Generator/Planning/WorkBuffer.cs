namespace NetGen.Generator.Planning;

/// <summary>One span of a pass's working memory: its name in the generated code, its length and where it starts.</summary>
internal sealed record WorkBuffer(string Name, int Length, long Offset);
