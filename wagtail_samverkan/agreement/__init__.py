"""The agreement (överenskommelse): its versions, principles, signatories and follow-ups."""
