# torchrun for the tests: `python3 torchrun.py --standalone --nproc_per_node=2 model.py train …`.
# Test-only; a user's pip torch needs none of this. Two changes to torch.distributed.run:
#  1. Debian's torch 1.13 on Python 3.11: Std.from_str("0") returns None (3.11 stopped listing the zero
#     member of an IntFlag), so every launch fails in to_map(). We parse the value ourselves.
#  2. --standalone always meets at localhost:29400, so two test runs on one machine would join one
#     job; we give each run a free port instead (still a local c10d rendezvous, as --standalone is).
import re
import socket
import sys
import uuid

from torch.distributed.elastic.multiprocessing import api
from torch.distributed import run


def std_from_str(vm):
    if re.match(api._VALUE_REGEX, vm):
        return api.Std(int(vm))
    if re.match(api._MAPPING_REGEX, vm):
        return {int(i): api.Std(int(v)) for i, v in (m.split(":") for m in vm.split(","))}
    raise ValueError(f"{vm} does not match: <{api._VALUE_REGEX}> or <{api._MAPPING_REGEX}>")


def free_port():
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


api.Std.from_str = staticmethod(std_from_str)
args = run.parse_args(sys.argv[1:])
if args.standalone:
    args.standalone = False
    args.rdzv_backend, args.rdzv_endpoint, args.rdzv_id = "c10d", f"localhost:{free_port()}", str(uuid.uuid4())
run.run(args)
