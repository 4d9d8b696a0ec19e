namespace NetGen;

/// <summary>What a node of the network graph computes.</summary>
public enum LayerKind
{
    /// <summary>A fully connected layer: z = W·a + b over the concatenation of its sources (an image source read flattened,
    /// in CHW order), then a = σ(z).</summary>
    Dense = 0,
    /// <summary>The element-wise sum of its sources, all of the same shape: a = Σ_s a(s). No parameters, no activation
    /// (a residual or skip connection). Its sensitivity passes unchanged to every source: ∂a_j/∂a(s)_j = 1.</summary>
    Add = 1,
    /// <summary>A 2-D convolution over image sources (concatenated along channels), then a = σ(z):
    /// z[o,y,x] = Σ_{c,i,j} w[o,c,i,j]·a[c, y·s+i−p, x·s+j−p] + b[o].</summary>
    Conv = 2,
    /// <summary>The largest value of each window of each channel; ∂C/∂a goes to the position that won (the first on a tie).</summary>
    MaxPool = 3,
    /// <summary>The mean of each window of each channel; ∂C/∂a is spread evenly over the window.</summary>
    AvgPool = 4,
    /// <summary>The mean of each whole channel: channels × 1 × 1.</summary>
    GlobalAvgPool = 5,
}
