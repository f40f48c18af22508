/**
 * The Python files of a PyTorch export, as text. They read the session's settings from
 * `vaelab-export.json` (written beside them), so the code is the same for every session.
 */

/** safetensors_lite.py: the format's tiny reader and writer in plain Python (struct, json, array). */
export const SAFETENSORS_LITE_PY = `"""A tiny reader and writer of the safetensors format for float32 tensors.

Used by model.py when the \`safetensors\` package is not installed. The format is an 8-byte
little-endian header length N, N bytes of JSON describing each tensor (dtype, shape, byte
offsets), then the raw little-endian tensor bytes. Needs only the standard library.
"""
import json
import struct
import sys
from array import array


def read_safetensors(path):
    """Returns {name: (shape, array('f'))} and the metadata dict of the file at \`path\`."""
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError(f"{path}: too short for a safetensors header")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > len(blob) - 8:
        raise ValueError(f"{path}: header of {n} bytes runs past the end of the file")
    header = json.loads(blob[8 : 8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {}) or {}
    base = 8 + n
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}; only F32 is read")
        begin, end = entry["data_offsets"]
        values = array("f")
        values.frombytes(blob[base + begin : base + end])
        if sys.byteorder == "big":
            values.byteswap()
        count = 1
        for d in entry["shape"]:
            count *= d
        if len(values) != count:
            raise ValueError(f"{path}: tensor {name} holds {len(values)} values, its shape needs {count}")
        tensors[name] = (list(entry["shape"]), values)
    return tensors, metadata


def write_safetensors(path, tensors, metadata=None):
    """Writes {name: (shape, array('f') or bytes of little-endian float32)} in the given order."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    chunks = []
    offset = 0
    for name, (shape, values) in tensors.items():
        if isinstance(values, array):
            values = array("f", values)
            if sys.byteorder == "big":
                values.byteswap()
            values = values.tobytes()
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + len(values)]}
        chunks.append(values)
        offset += len(values)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text.encode("utf-8")) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text.encode("utf-8"))))
        f.write(text.encode("utf-8"))
        for chunk in chunks:
            f.write(chunk)
`;

/** model.py: the VAE as an nn.Module, its loss, and loading/saving of weights. */
export const MODEL_PY = `"""The VAE of a VAE Lab session as a PyTorch nn.Module.

Architecture, activation, likelihood and training settings come from vaelab-export.json,
written by \`vae-lab export\` beside this file. Tensor names match weights.safetensors:
encoder.layers.{i}.weight [out, in] and encoder.layers.{i}.bias [out] (and the same for the decoder).
"""
import json
import math
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
LEAKY_SLOPE = 0.01


def load_export(directory=HERE):
    """The session's settings: {"model": ..., "train": ..., "dim": D, ...}."""
    with open(os.path.join(directory, "vaelab-export.json"), encoding="utf-8") as f:
        return json.load(f)


def activation(kind):
    if kind == "tanh":
        return nn.Tanh()
    if kind == "relu":
        return nn.ReLU()
    if kind == "leaky-relu":
        return nn.LeakyReLU(LEAKY_SLOPE)
    raise ValueError(f"unknown activation {kind!r}")


class Mlp(nn.Module):
    """Linear -> activation for each hidden width, then a linear output layer."""

    def __init__(self, dims, kind):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:]))
        self.act = activation(kind)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self.act(layer(x))
        return self.layers[-1](x)


class Vae(nn.Module):
    """q(z|x) = N(mu, exp(logvar)) by the encoder; p(x|z) by the decoder and the session's likelihood."""

    def __init__(self, export):
        super().__init__()
        model = export["model"]
        dim, k, hidden = export["dim"], model["latent"], list(model["hidden"])
        self.dim, self.k = dim, k
        self.likelihood = model["likelihood"]
        per_dim = 2 if self.likelihood == "gaussian-learned" else 1
        self.encoder = Mlp([dim, *hidden, 2 * k], model["activation"])
        self.decoder = Mlp([k, *reversed(hidden), per_dim * dim], model["activation"])
        self.sigma2 = export["train"]["sigma2"]
        self.variance_floor = export["train"]["varianceFloor"]

    def encode(self, x):
        """Returns (mu, logvar), each [batch, K]."""
        out = self.encoder(x)
        return out[:, : self.k], out[:, self.k :]

    def decode(self, z):
        """The likelihood's parameters: logits (bernoulli), mean (gaussian) or (mean, raw s) (gaussian-learned)."""
        return self.decoder(z)

    def nll(self, params, x):
        """-log p(x|z) per example, without the likelihood's constant (as VAE Lab reports recon)."""
        if self.likelihood == "bernoulli":
            return nn.functional.binary_cross_entropy_with_logits(params, x, reduction="none").sum(-1)
        if self.likelihood == "gaussian":
            return ((x - params) ** 2).sum(-1) / (2 * self.sigma2)
        mean, s = params[:, : self.dim], params[:, self.dim :]
        var = self.variance_floor + torch.exp(s)
        return 0.5 * (((x - mean) ** 2) / var + torch.log(var)).sum(-1)

    def recon_constant(self):
        """The constant left out of recon, per example (VAE Lab's reconConstant)."""
        if self.likelihood == "bernoulli":
            return 0.0
        if self.likelihood == "gaussian":
            return self.dim * 0.5 * (math.log(2 * math.pi) + math.log(self.sigma2))
        return self.dim * 0.5 * math.log(2 * math.pi)

    def loss(self, x, beta, free_bits, samples=1):
        """Batch means: (loss, recon, KL per latent dimension [K], mu [batch, K]).

        loss = recon + beta * sum_j max(free_bits, KL_j), KL_j the batch mean of KL(q(z_j|x) || N(0, 1)).
        """
        mu, logvar = self.encode(x)
        recon = 0.0
        for _ in range(samples):
            z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
            recon = recon + self.nll(self.decode(z), x).mean()
        recon = recon / samples
        kl_per_dim = (0.5 * (mu**2 + torch.exp(logvar) - 1 - logvar)).mean(0)
        kl_term = torch.clamp(kl_per_dim, min=free_bits).sum() if free_bits > 0 else kl_per_dim.sum()
        return recon + beta * kl_term, recon, kl_per_dim, mu

    def forward(self, x, beta, free_bits, samples=1):
        """The training objective, so DistributedDataParallel can wrap the model: see loss()."""
        return self.loss(x, beta, free_bits, samples)


def beta_at(beta, warmup, shape, progress):
    """The beta in force after \`progress\` epochs: linear warm-up, or cyclical (ramp over half of each cycle)."""
    if warmup <= 0:
        return beta
    if shape == "linear":
        return beta * min(1.0, progress / warmup)
    phase = (progress % warmup) / warmup
    return beta * min(1.0, phase / 0.5)


def load_weights(model, path):
    """Loads a safetensors file into \`model\` (the safetensors package if installed, else our tiny reader)."""
    try:
        from safetensors.torch import load_file

        state = load_file(path)
    except ImportError:
        from safetensors_lite import read_safetensors

        tensors, _ = read_safetensors(path)
        state = {name: torch.tensor(values, dtype=torch.float32).reshape(shape) for name, (shape, values) in tensors.items()}
    model.load_state_dict(state, strict=True)


def save_weights(model, path, metadata=None):
    """Writes the model's weights as float32 safetensors."""
    state = {name: t.detach().to("cpu", torch.float32).contiguous() for name, t in model.state_dict().items()}
    try:
        from safetensors.torch import save_file

        save_file(state, path, metadata=metadata)
    except ImportError:
        from safetensors_lite import write_safetensors

        tensors = {name: (list(t.shape), t.numpy().astype("<f4").tobytes()) for name, t in state.items()}
        write_safetensors(path, tensors, metadata)


if __name__ == "__main__":
    export = load_export()
    vae = Vae(export)
    load_weights(vae, os.path.join(HERE, "weights.safetensors"))
    print(vae)
    print(f"{sum(p.numel() for p in vae.parameters())} parameters; latent dimensions: {vae.k}; data width: {vae.dim}")
`;

/** train.py: continues training with the session's settings, on one process or under torchrun. */
export const TRAIN_PY = `"""Continue training a VAE Lab session's model with PyTorch.

One process:           python3 train.py --epochs 20
Several (CPU or GPU):  torchrun --nproc_per_node 2 train.py --epochs 20
  (torch before 2.0 on Python 3.11, e.g. Debian 12's python3-torch: add --redirects 1 --tee 1 after
  --nproc_per_node 2, or its launcher stops with "'NoneType' object has no attribute 'get'")
Under torchrun each process trains on its shard of every epoch (DistributedDataParallel;
gloo on CPU, nccl on GPU). Rank 0 writes trained.safetensors and history.json into --out.
Bring the result back with: vae-lab import DIR --out FILE.vaelab
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

import torch
import torch.distributed as dist

from data import load_data
from model import HERE, Vae, beta_at, load_export, load_weights, save_weights


def parse_args(train):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, default=train["epochs"], help="epochs to train (0 writes the weights back unchanged)")
    p.add_argument("--batch-size", type=int, default=train["batchSize"], help="examples per step, over all processes")
    p.add_argument("--lr", type=float, default=train["lr"])
    p.add_argument("--beta", type=float, default=train["beta"])
    p.add_argument("--free-bits", type=float, default=train["freeBits"], help="nats per latent dimension")
    p.add_argument("--seed", type=int, default=train["seed"])
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--out", default=HERE, help="folder for trained.safetensors and history.json")
    return p.parse_args()


def main():
    export = load_export()
    train = export["train"]
    args = parse_args(train)
    distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    rank, world = 0, 1
    device = torch.device(args.device)
    if distributed:
        backend = "nccl" if device.type == "cuda" else "gloo"
        dist.init_process_group(backend)
        rank, world = dist.get_rank(), dist.get_world_size()
        if device.type == "cuda":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
            torch.cuda.set_device(device)

    torch.manual_seed(args.seed)  # the same initial state and data order on every rank
    x = load_data(export).to(device)
    vae = Vae(export)
    load_weights(vae, os.path.join(HERE, "weights.safetensors"))
    vae.to(device)
    model = torch.nn.parallel.DistributedDataParallel(vae) if distributed else vae
    if train["optimizer"] == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=args.lr, eps=1e-8)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=args.lr)

    start_epoch = export["epoch"]
    per_rank = max(1, args.batch_size // world)
    n = x.shape[0]
    steps = math.ceil(n / args.batch_size)
    history = []
    torch.manual_seed(args.seed + 1 + rank)  # each rank draws its own noise for z
    order_gen = torch.Generator().manual_seed(args.seed)  # the same data order on every rank
    for e in range(args.epochs):
        t0 = time.time()
        order = torch.randperm(n, generator=order_gen).to(device)
        # Example-weighted sums over this rank's rows: loss, recon, KL_j, mu_j, mu_j^2, and the row count.
        k = vae.k
        sums = torch.zeros(2 + 3 * k + 1, device=device, dtype=torch.float64)
        beta = args.beta
        for s in range(steps):
            batch = order[s * args.batch_size : (s + 1) * args.batch_size]
            mine = batch[rank * per_rank : (rank + 1) * per_rank] if world > 1 else batch
            if mine.numel() == 0:
                mine = batch[:1]
            beta = beta_at(args.beta, train["warmup"], train["warmupShape"], start_epoch + e + (s + 1) / steps)
            loss, recon, kl_per_dim, mu = model(x[mine], beta, args.free_bits, train["mcSamples"])
            opt.zero_grad()
            loss.backward()  # under DDP the gradients are averaged over the ranks here
            if train["clip"] > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), train["clip"])
            opt.step()
            rows = mine.numel()
            with torch.no_grad():
                mu = mu.double()
                sums += torch.cat(
                    [
                        torch.stack([loss.detach().double() * rows, recon.detach().double() * rows]),
                        kl_per_dim.detach().double() * rows,
                        mu.sum(0),
                        (mu**2).sum(0),
                        torch.tensor([float(rows)], device=device, dtype=torch.float64),
                    ]
                )
        if distributed:
            dist.all_reduce(sums, op=dist.ReduceOp.SUM)
        count = sums[-1].item()
        mean = sums / count
        kl_per_dim = mean[2 : 2 + k].tolist()
        mu_var = (mean[2 + 2 * k : 2 + 3 * k] - mean[2 + k : 2 + 2 * k] ** 2).tolist()
        kl = sum(kl_per_dim)
        row = {
            "epoch": start_epoch + e + 1,
            "loss": mean[0].item(),
            "recon": mean[1].item(),
            "reconConstant": vae.recon_constant(),
            "kl": kl,
            "beta": beta,
            "betaKl": beta * kl,
            "klPerDim": kl_per_dim,
            "activeUnits": sum(1 for v in mu_var if v > 0.01),
            "steps": steps,
            "ms": 1000 * (time.time() - t0),
        }
        history.append(row)
        if rank == 0:
            print(f"epoch {row['epoch']}: loss {row['loss']:.4f}  recon {row['recon']:.4f}  KL {kl:.4f}", flush=True)

    digest = weights_digest(vae)
    print(f"rank {rank} of {world} finished after {args.epochs} epochs: weights sha256 {digest}", flush=True)
    if distributed:
        digests = [None] * world
        dist.all_gather_object(digests, digest)
        if len(set(digests)) != 1:
            raise RuntimeError(f"the ranks finished with different weights: {digests}")
    if rank == 0:
        os.makedirs(args.out, exist_ok=True)
        meta = {"epochs": str(start_epoch + args.epochs), "producer": "VAE Lab train.py"}
        save_weights(vae, os.path.join(args.out, "trained.safetensors"), meta)
        with open(os.path.join(args.out, "history.json"), "w", encoding="utf-8") as f:
            json.dump({"startEpoch": start_epoch, "world": world, "history": history}, f, indent=1)
        print(f"wrote {os.path.join(args.out, 'trained.safetensors')} and history.json", flush=True)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()
        # Leave at once: on torch 1.13 with gloo a rank can wait forever in the process group's
        # destructor when the DistributedDataParallel wrapper is freed at exit, after every rank
        # has finished and rank 0 has written its files. Nothing is left to write or close here.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def weights_digest(model):
    """sha256 of the float32 little-endian bytes of every tensor, by name in sorted order."""
    h = hashlib.sha256()
    for name, t in sorted(model.state_dict().items()):
        h.update(t.detach().to("cpu", torch.float32).contiguous().numpy().astype("<f4").tobytes())
    return h.hexdigest()


if __name__ == "__main__":
    main()
`;

/** data.py: the training data, from data.npz or (MNIST) from torchvision. */
export const DATA_PY = `"""The session's training data as a float32 tensor [n, D].

Toy and imported data ship in data.npz (x: the training examples exactly as VAE Lab trains on
them, after its split and standardisation). MNIST comes from torchvision, which downloads it
into ./mnist on first use, binarised as the session was.
"""
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def load_data(export):
    if export["data"]["source"] == "mnist":
        from torchvision import datasets

        images = datasets.MNIST(os.path.join(HERE, "mnist"), train=True, download=True).data
        x = images.reshape(images.shape[0], -1).float() / 255.0
        threshold = export["data"].get("threshold", 0.5)
        return (x > threshold).float()
    with np.load(os.path.join(HERE, "data.npz")) as npz:
        return torch.from_numpy(np.ascontiguousarray(npz["x"], dtype=np.float32))
`;
