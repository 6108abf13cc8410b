#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/seeds/<target>/ (run from fuzz/)."""
import os

def w(d, name, data):
    os.makedirs(f"seeds/{d}", exist_ok=True)
    with open(f"seeds/{d}/{name}", "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def b(s):
    return s.encode()

# Real responses and requests (the spec's documentation examples).
apply_resp = '{"sp_mchid":"12341234","sub_mchid":"43214321","user_id":"employee123","authorization_url":"weixin://dl/liteapp?url=https%3A%2F%2Fliteapp.wxpapp.weixin.qq.com%2Fq%2FgjoM7g%3Ftoken%3D123%23wechat_pay","expire_time":"2015-05-20T13:29:35+08:00","application_type":"H5"}'
apply_mp = '{"sp_mchid":"12341234","sub_mchid":"43214321","user_id":"employee123","application_type":"MINIPROGRAM","mp_query":"token=123","mp_business_type":"liteAppWebizPayRegister","expire_time":"2015-05-20T13:29:35Z"}'
revoke_resp = '{"sp_mchid":"12341234","sub_mchid":"43214321","user_id":"employee123","authorization_state":"REVOKED","authorization_revoked_time":"2023-12-31T23:59:59+08:00","reason":"用户主动撤销"}'
err = '{"code":"PARAM_ERROR","message":"参数错误","detail":{"field":"user_id","value":"x","issue":"too short","location":"path"}}'
sys_err = '{"code":"SYSTEM_ERROR","message":"系统异常,请稍后重试"}'
html = '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>'
apply_target = '/v3/webizpay/users/employee123/authorization-url'
apply_body = '{"sp_mchid":"12341234","sub_mchid":"43214321","application_type":"H5"}'
revoke_target = '/v3/webizpay/employees/WeBizPay_a968402a-73bb-43e2-9e1a-8371b0ca3d7c/revoke'
revoke_body = '{"sp_mchid":"12341234","sub_mchid":"43214321"}'
auth = ('WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",'
        'timestamp="1554208460",serial_no="5F1C72E2A8931B72A2E13AF8DEE92471EB397115",'
        'signature="Btii98n5MfB7munSBgiy7PIWuaVLxHx+AX4dAUNUNwTcM6qqlJ/oyorBTZDXi4TPmafs4W7Lz0yXYmyhCf8xXryg'
        '+xHq2exyaLWzhXGqLq9INxB5aWnpdlhrSrRLfXUABBFwcXdE+OQPHngEOHfYdohq71oC8FmhSPZMX7EHsIHKgpVGIF0zTBLQldQ8'
        'mQsXV2Lk1sjxs/jphGYjThA6OgSbEEYEPMu0+s8WwSc0YbCdqQuWWJGJQAUWPE6LLeZNL63C7oNECOVWrGbK9RFb+kttG6V97qa'
        'BOopduCd6jLmHdfJG3P7oCocnqVp2S23ogTZYQcaQGIOisNDmenPTWQ=="')

# decode: byte 0 % 8 picks the case.
D = "decode"
w(D, "apply_response", b"\x00" + b(apply_resp))
w(D, "apply_response_miniprogram", b"\x00" + b(apply_mp))
w(D, "revoke_response", b"\x01" + b(revoke_resp))
w(D, "error_param", b"\x02" + b(err))
w(D, "error_html", b"\x02" + b(html))
w(D, "apply_wire", b"\x03" + b(apply_target) + b"\xff" + b(apply_body))
w(D, "apply_wire_encoded", b"\x03/v3/webizpay/users/a%7Cb%2A_c-d/authorization-url?x=1\xff" + b(apply_body))
w(D, "revoke_wire", b"\x04" + b(revoke_target) + b"\xff" + b(revoke_body))
w(D, "authorization", b"\x05" + b(auth))
w(D, "target", b"\x06" + b(apply_target) + b"?a=%E5%91%98&b")

# client_responses: byte 0 = status index << 1 | operation (0 apply, 1 revoke).
# Statuses: 200 400 401 403 404 409 429 500 502 503 504.
C = "client_responses"
w(C, "apply_200", b"\x00" + b(apply_resp))
w(C, "revoke_200", b"\x01" + b(revoke_resp))
w(C, "apply_400_param_error", b"\x02" + b(err))
w(C, "revoke_500_system_error", bytes([7 << 1 | 1]) + b(sys_err))
w(C, "apply_502_html", bytes([8 << 1]) + b(html))

# spec_text: specs as they are.
S = "spec_text"
w(S, "webizpay.yaml", open("../spec/webizpay.yaml", "rb").read())
w(S, "create_card.yaml", open("../codegen/tests/fixtures/create_card.yaml", "rb").read())
w(S, "list_cards.yaml", open("../codegen/tests/fixtures/list_cards.yaml", "rb").read())
w(S, "minimal.yaml", "version: 1\nname: x\ntitle: x\noperations: []\n")
w(S, "flow.yaml", "{version: 1, name: [a, b], types: {A: {enum: [{value: X}]}}}\n")

# spec_mutate: byte 0 picks the base, no edits.
M = "spec_mutate"
w(M, "real_spec", b"\x00")
w(M, "create_card", b"\x01")
w(M, "list_cards", b"\x02")

# verify_response: all zeros = the genuine response, now = its timestamp.
w("verify_response", "genuine", b"\x00" * 16)

# notification: all zeros = the genuine notification, now = its timestamp
# (64 bytes: at least the input's size hint).
w("notification", "genuine", b"\x00" * 64)
