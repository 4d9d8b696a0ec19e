using System;
using NetGen.Samples.Mnist;

// Handwritten digits: trains a generated network on MNIST, saves its weights (safetensors) and a plot of the run,
// and evaluates saved weights on any IDX image/label pair. `mnist` alone trains with the defaults. The command line
// lives in MnistCommand, so that its tests can run it with their own output writers.
return MnistCommand.Run(args, Console.Out, Console.Error);
