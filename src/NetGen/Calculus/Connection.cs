namespace NetGen.Calculus;

/// <summary>
/// One term of a weighted sum z_j: the value a(<see cref="Node"/>)[<see cref="Index"/>] times <see cref="Coefficient"/>,
/// which is the weight θ[<see cref="Parameter"/>] (dense and convolution) or a constant (1 through a sum or the winner of
/// a max pooling, 1/n through an average of n values; <see cref="Parameter"/> −1). A bias is written as a connection
/// from no node (<see cref="Node"/> −1) with coefficient 1: ∂z_j/∂b = 1.
/// </summary>
/// <param name="Node">The node read (inputs first, then layers), or −1 for a bias.</param>
/// <param name="Index">The value's index in that node (flat, CHW for an image).</param>
/// <param name="Parameter">The index of the weight (or bias) in the parameter vector, or −1 for a constant.</param>
/// <param name="Coefficient">∂z_j/∂a: the weight's value, or the constant.</param>
internal readonly record struct Connection(int Node, int Index, int Parameter, double Coefficient)
{
    /// <summary>True for the bias term of z_j.</summary>
    public bool IsBias => Node < 0;
}
