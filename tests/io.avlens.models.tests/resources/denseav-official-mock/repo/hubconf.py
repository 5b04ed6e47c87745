def sound_and_language():
    from denseav.train import LitAVAligner
    import torch
    torch.manual_seed(0)
    return LitAVAligner()
